// My CPD: a person's log of continuing professional development. Entries (hours in quarter hours),
// the year view against a target, and the draft entries Learn's module completions make.
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { cpdEntry, cpdSettings } from '../db/schema/cpd.ts';
import { isUuid } from '../forms/index.ts';
import { deleteEvidenceOf } from './evidence.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { collator } from '../../i18n/format.ts';

/** Area keys by their numbers ("area-2" before "area-10"). */
const areaOrder = collator('en', { numeric: true });

export const CPD_TYPES = ['course', 'workshop', 'conference', 'supervision', 'reading', 'peer_learning', 'research', 'other'] as const;
export type CpdType = (typeof CPD_TYPES)[number];
export const TITLE_MAX = 200;
export const PROVIDER_MAX = 200;
export const REFLECTION_MAX = 8000;
/** The most hours one entry may record (a long course over a year). */
export const HOURS_MAX = 500;
export const DEFAULT_TARGET_HOURS = 25;

export type EntryInput = {
	title: string;
	type: CpdType;
	startsOn: string;
	endsOn: string | null;
	hours: number;
	provider: string;
	competenceAreas: string[];
	reflection: string;
};

export type CpdEntry = typeof cpdEntry.$inferSelect;
export type EntryView = Omit<CpdEntry, 'quarters'> & { hours: number; reflected: boolean };
export type Settings = { targetHours: number; yearStartMonth: number };
/** The settings with the reminder choice (mail me when the year's end nears and the target is not met). */
export type CpdSettings = Settings & { remind: boolean };

const viewOf = (e: CpdEntry): EntryView => {
	const { quarters, ...rest } = e;
	return { ...rest, hours: quarters / 4, reflected: e.reflection.trim().length > 0 };
};

/** Hours as quarter hours; undefined when not a positive multiple of 0.25 within the limit. */
export function toQuarters(hours: number): number | undefined {
	const q = hours * 4;
	return Number.isFinite(q) && Number.isInteger(q) && q > 0 && hours <= HOURS_MAX ? q : undefined;
}

function checkEntry(input: EntryInput): Result<number> {
	const quarters = toQuarters(input.hours);
	if (quarters === undefined) return problem('invalid', { field: 'hours', key: 'cpd_error_hours' });
	if (input.endsOn && input.endsOn < input.startsOn) return problem('invalid', { field: 'endsOn', key: 'cpd_error_dates' });
	return ok(quarters);
}

async function owned(db: DbOrTx, actor: Actor, id: string): Promise<CpdEntry | undefined> {
	if (!actor || !isUuid(id)) return undefined;
	const [row] = await db.select().from(cpdEntry).where(eq(cpdEntry.id, id));
	return row && can(actor, 'cpd:edit', row) ? row : undefined;
}

export async function getEntry(db: DbOrTx, actor: Actor, id: string): Promise<Result<EntryView>> {
	const row = await owned(db, actor, id);
	return row ? ok(viewOf(row)) : problem('not_found');
}

export async function createEntry(db: DbOrTx, actor: Actor, input: EntryInput): Promise<Result<{ id: string }>> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const quarters = checkEntry(input);
	if (!quarters.ok) return quarters;
	const [row] = await db
		.insert(cpdEntry)
		.values({ userId: actor.id, ...input, quarters: quarters.value, status: 'confirmed' })
		.returning({ id: cpdEntry.id });
	return ok({ id: row!.id });
}

/** Changes an entry; saving a draft confirms it (the person has looked at it). */
export async function updateEntry(db: DbOrTx, actor: Actor, id: string, input: EntryInput): Promise<Result> {
	const row = await owned(db, actor, id);
	if (!row) return problem('not_found');
	const quarters = checkEntry(input);
	if (!quarters.ok) return quarters;
	await db
		.update(cpdEntry)
		.set({ ...input, quarters: quarters.value, status: 'confirmed', updatedAt: new Date() })
		.where(eq(cpdEntry.id, row.id));
	return ok();
}

/**
 * Deletes an entry. A draft from a Learn module is kept as a row marked 'dismissed' instead, so the
 * module does not add it again (no double counting, and no surprise re-appearance). Its evidence files go.
 */
export async function deleteEntry(db: DbOrTx, actor: Actor, id: string): Promise<Result> {
	const row = await owned(db, actor, id);
	if (!row) return problem('not_found');
	await db.transaction(async (tx) => {
		await deleteEvidenceOf(tx, [row.id]);
		if (row.sourceModuleId !== null) await tx.update(cpdEntry).set({ status: 'dismissed', updatedAt: new Date() }).where(eq(cpdEntry.id, row.id));
		else await tx.delete(cpdEntry).where(eq(cpdEntry.id, row.id));
	});
	return ok();
}

export async function getSettings(db: DbOrTx, userId: string): Promise<CpdSettings> {
	const [row] = await db.select().from(cpdSettings).where(eq(cpdSettings.userId, userId));
	return { targetHours: (row?.targetQuarters ?? DEFAULT_TARGET_HOURS * 4) / 4, yearStartMonth: row?.yearStartMonth ?? 1, remind: row?.remind ?? false };
}

export async function updateSettings(db: DbOrTx, actor: Actor, input: Settings): Promise<Result> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const quarters = toQuarters(input.targetHours);
	if (quarters === undefined) return problem('invalid', { field: 'targetHours', key: 'cpd_error_hours' });
	if (!Number.isInteger(input.yearStartMonth) || input.yearStartMonth < 1 || input.yearStartMonth > 12) return problem('invalid', { field: 'yearStartMonth', key: 'error_invalid' });
	await db
		.insert(cpdSettings)
		.values({ userId: actor.id, targetQuarters: quarters, yearStartMonth: input.yearStartMonth })
		.onConflictDoUpdate({ target: cpdSettings.userId, set: { targetQuarters: quarters, yearStartMonth: input.yearStartMonth, updatedAt: new Date() } });
	return ok();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The CPD year (named by the calendar year it starts in) that holds `date`. */
export function cpdYearOf(date: string, yearStartMonth: number): number {
	const [y, m] = date.split('-').map(Number) as [number, number];
	return m >= yearStartMonth ? y : y - 1;
}

/** The first day of a CPD year and the first day of the next, as ISO dates. */
export function yearRange(year: number, yearStartMonth: number): { from: string; until: string } {
	return { from: `${year}-${pad(yearStartMonth)}-01`, until: `${year + 1}-${pad(yearStartMonth)}-01` };
}

export type YearView = {
	year: number;
	from: string;
	until: string;
	settings: CpdSettings;
	entries: EntryView[];
	drafts: EntryView[];
	hours: number;
	reflectedHours: number;
	unreflected: number;
	byType: { type: string; hours: number }[];
	byArea: { area: string; hours: number }[];
};

/**
 * One CPD year: confirmed entries and drafts, totals (all hours, and hours recorded and reflected),
 * hours per type and per competence area. Two queries.
 */
export async function yearView(db: DbOrTx, actor: Actor, year: number | null, today = new Date()): Promise<Result<YearView>> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const settings = await getSettings(db, actor.id);
	const shown = year ?? cpdYearOf(today.toISOString().slice(0, 10), settings.yearStartMonth);
	if (!Number.isInteger(shown) || shown < 1900 || shown > 2999) return problem('not_found');
	const { from, until } = yearRange(shown, settings.yearStartMonth);
	const rows = await db
		.select()
		.from(cpdEntry)
		.where(and(eq(cpdEntry.userId, actor.id), gte(cpdEntry.startsOn, from), lt(cpdEntry.startsOn, until)))
		.orderBy(asc(cpdEntry.startsOn), asc(cpdEntry.createdAt));
	const all = rows.map(viewOf);
	const entries = all.filter((e) => e.status === 'confirmed');
	const drafts = all.filter((e) => e.status === 'draft');
	const sum = (list: EntryView[]) => list.reduce((s, e) => s + e.hours, 0);
	const byType = new Map<string, number>();
	const byArea = new Map<string, number>();
	for (const e of entries) {
		byType.set(e.type, (byType.get(e.type) ?? 0) + e.hours);
		for (const a of e.competenceAreas) byArea.set(a, (byArea.get(a) ?? 0) + e.hours);
	}
	return ok({
		year: shown,
		from,
		until,
		settings,
		entries,
		drafts,
		hours: sum(entries),
		reflectedHours: sum(entries.filter((e) => e.reflected)),
		unreflected: entries.filter((e) => !e.reflected).length,
		byType: CPD_TYPES.filter((t) => byType.has(t)).map((type) => ({ type, hours: byType.get(type)! })),
		byArea: [...byArea].sort(([a], [b]) => areaOrder.compare(a, b)).map(([area, hours]) => ({ area, hours }))
	});
}

/** Entries per page of the CPD log. */
export const CPD_PAGE_SIZE = 50;

/**
 * One page of a year's log, newest first (what was just added is at the top); the totals stay
 * those of the whole year. A page past the end shows the last one.
 */
export function logPage(view: YearView, page: number): YearView & { page: number; pages: number; entryCount: number } {
	const pages = Math.max(1, Math.ceil(view.entries.length / CPD_PAGE_SIZE));
	const shown = Math.min(page, pages);
	const entries = view.entries.toReversed().slice((shown - 1) * CPD_PAGE_SIZE, shown * CPD_PAGE_SIZE);
	return { ...view, entries, page: shown, pages, entryCount: view.entries.length };
}

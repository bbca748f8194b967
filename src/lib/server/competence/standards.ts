// The competence standards as a self-assessment reads them: one framework version's areas, their
// statements (grouped as knowledge, skills and general competence), the answer scale and the
// levels, in the reader's language. The scale is data on the version (nodes of kind 'option' under
// the 'scale' node), so an editor changes its wording like any other node.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { BASE_LOCALE, type AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { framework, frameworkNode, frameworkNodeTranslation, frameworkVersion } from '../db/schema/frameworks.ts';

/** The framework a self-assessment is taken against. */
export const STANDARDS_SLUG = 'competence-standards';
/** The value stored for "not relevant to my role": not counted in a score. */
export const NOT_RELEVANT = 0;

export type Statement = { key: string; code: string | null; title: string; group: string };
export type Area = { key: string; code: string | null; title: string; body: string; groups: { key: string; title: string; statements: Statement[] }[]; statements: Statement[] };
export type ScaleOption = { key: string; value: number; label: string };
export type Level = { key: string; title: string; body: string };
export type Standards = { versionId: number; version: string; areas: Area[]; scale: ScaleOption[]; levels: Level[]; highest: number };

const wanted = alias(frameworkNodeTranslation, 'wanted');
const base = alias(frameworkNodeTranslation, 'base');

/** The id of the newest published version of the competence standards, if they are imported. */
export async function currentStandardsVersion(db: DbOrTx): Promise<number | undefined> {
	const [row] = await db
		.select({ id: frameworkVersion.id })
		.from(frameworkVersion)
		.innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
		.where(and(eq(framework.slug, STANDARDS_SLUG), eq(frameworkVersion.status, 'published')))
		.orderBy(desc(frameworkVersion.createdAt), desc(frameworkVersion.id))
		.limit(1);
	return row?.id;
}

/** One version of the standards, read in one query; undefined when it has no areas or no scale. */
// The standards of a version in a language, kept per database for a minute: every assessment page,
// results page and CPD page reads them, and they change only when an editor edits the framework
// (which clears them on every instance, see platform/events) or new content is imported.
const KEEP_MS = 60_000;
let kept = new WeakMap<DbOrTx, Map<string, { at: number; standards: Promise<Standards | undefined> }>>();

/** Forgets the kept standards (the framework changed). */
export function forgetStandards(): void {
	kept = new WeakMap();
}

/** The standards of a framework version in a language (kept for a minute per database; a transaction reads afresh). */
export function loadStandards(db: DbOrTx, versionId: number, locale: AppLocale): Promise<Standards | undefined> {
	let forDb = kept.get(db);
	if (!forDb) kept.set(db, (forDb = new Map()));
	const key = `${versionId}:${locale}`;
	const hit = forDb.get(key);
	if (hit && Date.now() - hit.at < KEEP_MS) return hit.standards;
	const standards = readStandards(db, versionId, locale);
	forDb.set(key, { at: Date.now(), standards });
	// A failed read is not kept.
	standards.catch(() => forDb.delete(key));
	return standards;
}

async function readStandards(db: DbOrTx, versionId: number, locale: AppLocale): Promise<Standards | undefined> {
	const rows = await db
		.select({
			id: frameworkNode.id,
			parentId: frameworkNode.parentId,
			key: frameworkNode.key,
			kind: frameworkNode.kind,
			code: frameworkNode.code,
			version: frameworkVersion.version,
			title: sql<string>`coalesce(${wanted.title}, ${base.title}, ${frameworkNode.key})`,
			body: sql<string>`coalesce(${wanted.body}, ${base.body}, '')`
		})
		.from(frameworkNode)
		.innerJoin(frameworkVersion, eq(frameworkVersion.id, frameworkNode.versionId))
		.leftJoin(wanted, and(eq(wanted.nodeId, frameworkNode.id), eq(wanted.locale, locale)))
		.leftJoin(base, and(eq(base.nodeId, frameworkNode.id), eq(base.locale, BASE_LOCALE)))
		.where(eq(frameworkNode.versionId, versionId))
		.orderBy(asc(frameworkNode.parentId), asc(frameworkNode.position));
	if (!rows.length) return undefined;
	const children = new Map<number | null, typeof rows>();
	for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
	const below = (id: number) => children.get(id) ?? [];

	const areas: Area[] = [];
	const scale: ScaleOption[] = [];
	const levels: Level[] = [];
	for (const top of children.get(null) ?? []) {
		if (top.kind === 'area') {
			const groups = below(top.id)
				.filter((g) => g.kind === 'group')
				.map((g) => ({
					key: g.key,
					title: g.title,
					statements: below(g.id)
						.filter((s) => s.kind === 'item')
						.map((s) => ({ key: s.key, code: s.code, title: s.title, group: g.title }))
				}));
			const direct = below(top.id)
				.filter((s) => s.kind === 'item')
				.map((s) => ({ key: s.key, code: s.code, title: s.title, group: '' }));
			const statements = [...groups.flatMap((g) => g.statements), ...direct];
			if (statements.length) areas.push({ key: top.key, code: top.code, title: top.title, body: top.body, groups, statements });
		} else if (top.key === 'scale') {
			for (const o of below(top.id).filter((o) => o.kind === 'option')) {
				const value = o.code && /^[1-9]$/.test(o.code) ? Number(o.code) : NOT_RELEVANT;
				scale.push({ key: o.key, value, label: o.title });
			}
		} else {
			for (const l of below(top.id).filter((l) => l.kind === 'level')) levels.push({ key: l.key, title: l.title, body: l.body });
		}
	}
	const highest = Math.max(0, ...scale.map((o) => o.value));
	if (!areas.length || highest === 0) return undefined;
	return { versionId, version: rows[0]!.version, areas, scale, levels, highest };
}

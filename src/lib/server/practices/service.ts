import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { LOCALES, type AppLocale } from '../../i18n/locales.ts';
import { COMMENT_MAX, PRACTICE_COUNTRIES, PRACTICE_SECTORS, TITLE_MAX } from '../../practices/options.ts';
import type { DbOrTx } from '../db/client.ts';
import { organisation } from '../db/schema/organisations.ts';
import { practice, practiceRevision, type PracticeFields, type PracticeTranslations } from '../db/schema/practices.ts';
import { isUuid } from '../forms/index.ts';
import { getOrganisationForMember, listMyOrganisations } from '../organisations/service.ts';
import { can, type Actor, type OrganisationRole, type PracticeAsSeen } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { requestSearchIndex } from '../search/index.ts';
import { wordDiff, type DiffPart } from '../content/revisions.ts';
import { practiceTemplate } from './template.ts';
import { checkPractice, type PracticeDraft } from './validate.ts';
import { coverageOf, fieldTextsOf, outdatedKeys, translatedText, wordingOf, type Coverage } from './wording.ts';

// Practices: create, read, save, submit, review, delete. Every function takes the actor and asks
// the policy (policies/practices.ts) on its first lines; a practice the actor may not see is a
// bare 'not_found', exactly like one that does not exist. Published practices are public: a
// visitor (no actor) reads them without a rule.

const notFound = () => problem('not_found');

type Row = typeof practice.$inferSelect;

/** The actor's role in the owning organisation (null: none). */
async function roleIn(db: DbOrTx, actor: Actor, organisationId: string | null): Promise<OrganisationRole | null> {
	if (!actor || !organisationId) return null;
	const found = await getOrganisationForMember(db, actor, organisationId);
	return found.ok ? found.value.role : null;
}

/** The practice as the actor stands to it, for the policy. */
export async function asSeen(db: DbOrTx, actor: Actor, row: Pick<Row, 'status' | 'ownerId' | 'organisationId'>): Promise<PracticeAsSeen> {
	return { status: row.status, ownerId: row.ownerId, organisationOwned: row.organisationId !== null, role: await roleIn(db, actor, row.organisationId) };
}

/** Whether the actor (or a visitor) may read the practice. */
const visible = (actor: Actor, seen: PracticeAsSeen) => seen.status === 'published' || can(actor, 'practice:view', seen);

export type PracticeView = {
	id: string;
	status: string;
	title: string;
	summary: string;
	/** The language the title is shown in. */
	lang: string;
	/** The language the summary is shown in. */
	summaryLang: string;
	/** The language the record was written in (its fields). */
	locale: string;
	translatedInto: string[];
	/** How much is translated into each other platform language. */
	coverage: Coverage[];
	/** Each field's free text in the reader's language where translated, else in the source's. */
	fieldTexts: Record<string, { text: string; lang: string }>;
	/** The parts ('title', 'summary', field keys) shown translated from a source text that has changed since. */
	outdated: string[];
	country: string;
	region: string;
	sector: string;
	languages: string[];
	startYear: number | null;
	licence: string;
	channels: string[];
	fields: PracticeFields;
	example: boolean;
	reviewComment: string;
	organisation: { id: string; name: string } | null;
	updatedAt: Date;
	publishedAt: Date | null;
	may: { edit: boolean; submit: boolean; review: boolean; delete: boolean };
	revisions: PracticeRevisionView[];
};

/** One field's change between two states of a practice: its text word by word, its options chosen and dropped. */
export type FieldChange = { key: string; text: DiffPart[] | null; added: string[]; removed: string[] };
/** A saved state of a practice and what changed from it to the next one (a later revision, or the practice now). */
export type PracticeRevisionView = { id: number; status: string; createdAt: Date; title: DiffPart[] | null; summary: DiffPart[] | null; fields: FieldChange[]; translated: TranslationChange[] };
/** One translated part's change ('title', 'summary' or a field's key) in one language. */
export type TranslationChange = { locale: string; key: string; text: DiffPart[] };

/** A state of a practice; translations null: a revision kept before translations were kept with it. */
type PracticeState = { title: string; summary: string; fields: PracticeFields; translations?: PracticeTranslations | null };

function translationChanges(before: PracticeTranslations | null | undefined, after: PracticeTranslations | null | undefined): TranslationChange[] {
	if (!before || !after) return [];
	const changes: TranslationChange[] = [];
	for (const locale of LOCALES) {
		const [was, now] = [before[locale], after[locale]];
		const keys = new Set(['title', 'summary', ...Object.keys(was?.fields ?? {}), ...Object.keys(now?.fields ?? {})]);
		for (const key of keys) {
			const [a, b] = [translatedText(was, key), translatedText(now, key)];
			if (a !== b) changes.push({ locale, key, text: wordDiff(a, b) });
		}
	}
	return changes;
}

/** What changed from one state of a practice to the next: null for an unchanged title or summary, only the changed fields. */
export function practiceChanges(before: PracticeState, after: PracticeState): Omit<PracticeRevisionView, 'id' | 'status' | 'createdAt'> {
	const fields: FieldChange[] = [];
	for (const key of new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])) {
		const was = before.fields[key] ?? {};
		const now = after.fields[key] ?? {};
		const text = (was.text ?? '') === (now.text ?? '') ? null : wordDiff(was.text ?? '', now.text ?? '');
		const added = (now.options ?? []).filter((o) => !(was.options ?? []).includes(o));
		const removed = (was.options ?? []).filter((o) => !(now.options ?? []).includes(o));
		if (text || added.length || removed.length) fields.push({ key, text, added, removed });
	}
	return {
		title: before.title === after.title ? null : wordDiff(before.title, after.title),
		summary: before.summary === after.summary ? null : wordDiff(before.summary, after.summary),
		fields,
		translated: translationChanges(before.translations, after.translations)
	};
}

/** A practice as the actor may see it, with what they may do to it. */
export async function getPractice(db: DbOrTx, actor: Actor, id: string, locale: AppLocale): Promise<Result<PracticeView>> {
	if (!isUuid(id)) return notFound();
	const [row] = await db.select().from(practice).where(eq(practice.id, id));
	if (!row) return notFound();
	const seen = await asSeen(db, actor, row);
	if (!visible(actor, seen)) return notFound();
	const [org] = row.organisationId ? await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(eq(organisation.id, row.organisationId)) : [];
	const may = { edit: can(actor, 'practice:edit', seen), submit: can(actor, 'practice:submit', seen), review: can(actor, 'practice:review', seen), delete: can(actor, 'practice:delete', seen) };
	const saved =
		may.edit || may.review
			? await db
					.select({ id: practiceRevision.id, status: practiceRevision.status, title: practiceRevision.title, summary: practiceRevision.summary, fields: practiceRevision.fields, translations: practiceRevision.translations, createdAt: practiceRevision.createdAt })
					.from(practiceRevision)
					.where(eq(practiceRevision.practiceId, id))
					.orderBy(desc(practiceRevision.createdAt), desc(practiceRevision.id))
					.limit(20)
			: [];
	// Newest first: each saved state against the one that followed it (the first against the practice now).
	const revisions = saved.map((r, i) => ({ id: r.id, status: r.status, createdAt: r.createdAt, ...practiceChanges(r, saved[i - 1] ?? row) }));
	return ok({
		id: row.id,
		status: row.status,
		...wordingOf(row, locale),
		locale: row.locale,
		translatedInto: Object.keys(row.translations),
		coverage: coverageOf(row),
		fieldTexts: fieldTextsOf(row, locale),
		// The parts shown in the reader's language that were translated from an earlier source text.
		outdated: row.locale === locale ? [] : outdatedKeys(row, row.translations[locale]),
		country: row.country,
		region: row.region,
		sector: row.sector,
		languages: row.languages,
		startYear: row.startYear,
		licence: row.licence,
		channels: row.channels,
		fields: row.fields,
		example: row.example,
		reviewComment: row.reviewComment,
		organisation: org ?? null,
		updatedAt: row.updatedAt,
		publishedAt: row.publishedAt,
		may,
		revisions
	});
}

/** The practice as its form shows it (the source-language wording), for those who may edit it. */
export async function practiceForEditing(db: DbOrTx, actor: Actor, id: string): Promise<Result<Row & { organisationName: string | null }>> {
	if (!isUuid(id)) return notFound();
	const [row] = await db.select().from(practice).where(eq(practice.id, id));
	if (!row) return notFound();
	const seen = await asSeen(db, actor, row);
	if (!can(actor, 'practice:edit', seen)) return notFound();
	const [org] = row.organisationId ? await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, row.organisationId)) : [];
	return ok({ ...row, organisationName: org?.name ?? null });
}

export type NewPractice = { title: string; organisationId: string | null; country: string; sector: string };

/** The organisations the actor may create a practice for (their own), by name. */
export async function practiceOwners(db: DbOrTx, actor: Actor): Promise<{ id: string; name: string }[]> {
	const mine = await listMyOrganisations(db, actor);
	return mine.ok ? mine.value.map((o) => ({ id: o.id, name: o.name })) : [];
}

/** Starts a draft owned by one of the actor's organisations, or by the actor. */
export async function createPractice(db: DbOrTx, actor: Actor, input: NewPractice, locale: AppLocale): Promise<Result<{ id: string }>> {
	if (!actor || !can(actor, 'practice:create')) return notFound();
	if (input.organisationId !== null && (await roleIn(db, actor, input.organisationId)) === null) return problem('invalid', { field: 'owner', key: 'error_choose' });
	const title = input.title.trim();
	if (!title) return problem('invalid', { field: 'title', key: 'error_required' });
	if (title.length > TITLE_MAX) return problem('invalid', { field: 'title', key: 'error_too_long' });
	if (!(PRACTICE_COUNTRIES as readonly string[]).includes(input.country)) return problem('invalid', { field: 'country', key: 'error_choose' });
	if (!(PRACTICE_SECTORS as readonly string[]).includes(input.sector)) return problem('invalid', { field: 'sector', key: 'error_choose' });
	const template = await practiceTemplate(db, locale);
	if (!template) return problem('conflict', { key: 'practices_error_no_template' });
	const [row] = await db
		.insert(practice)
		.values({ title, organisationId: input.organisationId, ownerId: actor.id, frameworkVersionId: template.versionId, country: input.country, sector: input.sector, locale })
		.returning({ id: practice.id });
	return ok({ id: row!.id });
}

/**
 * Saves a practice's content after checking it against its template. Saving a submitted or
 * published practice keeps what it was as a revision; an autosave (`draft`) of a draft does not.
 */
export async function savePractice(db: DbOrTx, actor: Actor, id: string, draft: PracticeDraft, locale: AppLocale): Promise<Result<{ errors?: Record<string, string> }>> {
	if (!isUuid(id)) return notFound();
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(practice).where(eq(practice.id, id)).for('update');
		if (!row) return notFound();
		if (!can(actor, 'practice:edit', await asSeen(tx, actor, row))) return notFound();
		const template = await practiceTemplate(tx, locale);
		if (!template) return problem('conflict', { key: 'practices_error_no_template' });
		const checked = checkPractice(template, draft);
		if (!checked.ok) {
			const [field, key] = Object.entries(checked.errors)[0]!;
			return problem('invalid', { field, key });
		}
		if (row.status !== 'draft') await tx.insert(practiceRevision).values({ practiceId: id, status: row.status, title: row.title, summary: row.summary, fields: row.fields, translations: row.translations, editorId: actor!.id });
		await tx
			.update(practice)
			.set({ ...checked.value, editedInPlatform: true, updatedAt: sql`now()` })
			.where(eq(practice.id, id));
		if (row.status === 'published') await requestSearchIndex(tx, 'practice', id);
		return ok({});
	});
}

/** The owners hand a draft to the editors. */
export async function submitPractice(db: DbOrTx, actor: Actor, id: string): Promise<Result> {
	if (!isUuid(id)) return notFound();
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(practice).where(eq(practice.id, id)).for('update');
		if (!row) return notFound();
		const seen = await asSeen(tx, actor, row);
		if (!can(actor, 'practice:submit', seen)) return can(actor, 'practice:view', seen) ? problem('conflict', { key: 'practices_error_state' }) : notFound();
		await tx.update(practice).set({ status: 'submitted', submittedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(practice.id, id));
		return ok();
	});
}

export type Review = { decision: 'publish' | 'changes'; comment: string };

/** An editor publishes a submitted practice, or sends it back to its owners with a comment. */
export async function reviewPractice(db: DbOrTx, actor: Actor, id: string, review: Review): Promise<Result> {
	if (!isUuid(id)) return notFound();
	const comment = review.comment.trim();
	if (comment.length > COMMENT_MAX) return problem('invalid', { field: 'comment', key: 'error_too_long' });
	if (review.decision === 'changes' && !comment) return problem('invalid', { field: 'comment', key: 'practices_error_comment' });
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(practice).where(eq(practice.id, id)).for('update');
		if (!row) return notFound();
		const seen = await asSeen(tx, actor, row);
		if (!can(actor, 'practice:review', seen)) return can(actor, 'practice:view', seen) ? problem('conflict', { key: 'practices_error_state' }) : notFound();
		if (review.decision === 'publish') {
			await tx.update(practice).set({ status: 'published', reviewComment: '', publishedAt: sql`coalesce(${practice.publishedAt}, now())`, updatedAt: sql`now()` }).where(eq(practice.id, id));
		} else {
			await tx.update(practice).set({ status: 'draft', reviewComment: comment, updatedAt: sql`now()` }).where(eq(practice.id, id));
		}
		await requestSearchIndex(tx, 'practice', id);
		return ok();
	});
}

/** Removes a practice (owners their drafts, editors any that left the owners, examples included). */
export async function deletePractice(db: DbOrTx, actor: Actor, id: string): Promise<Result> {
	if (!isUuid(id)) return notFound();
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(practice).where(eq(practice.id, id)).for('update');
		if (!row) return notFound();
		if (!can(actor, 'practice:delete', await asSeen(tx, actor, row))) return notFound();
		await tx.delete(practice).where(eq(practice.id, id));
		await requestSearchIndex(tx, 'practice', id);
		return ok();
	});
}

export type PracticeListed = { id: string; title: string; lang: string; status: string; country: string; organisation: string | null; reviewComment: string; updatedAt: Date; example: boolean };

const listed = (rows: (Row & { organisationName: string | null })[], locale: AppLocale): PracticeListed[] =>
	rows.map((r) => ({ id: r.id, ...wordingOf(r, locale), status: r.status, country: r.country, organisation: r.organisationName, reviewComment: r.reviewComment, updatedAt: r.updatedAt, example: r.example }));

/** The practices the actor owns or co-edits (their organisations'), newest first. */
export async function myPractices(db: DbOrTx, actor: Actor, locale: AppLocale): Promise<Result<PracticeListed[]>> {
	if (!actor || !can(actor, 'practice:create')) return notFound();
	const orgs = (await practiceOwners(db, actor)).map((o) => o.id);
	const rows = await db
		.select({ row: practice, organisationName: organisation.name })
		.from(practice)
		.leftJoin(organisation, eq(organisation.id, practice.organisationId))
		.where(or(and(sql`${practice.organisationId} is null`, eq(practice.ownerId, actor.id)), orgs.length ? inArray(practice.organisationId, orgs) : sql`false`))
		.orderBy(desc(practice.updatedAt));
	return ok(listed(rows.map((r) => ({ ...r.row, organisationName: r.organisationName })), locale));
}

/** The practices waiting for an editor, oldest first. */
export async function reviewQueue(db: DbOrTx, actor: Actor, locale: AppLocale): Promise<Result<PracticeListed[]>> {
	if (!actor || !can(actor, 'practice:queue')) return notFound();
	const rows = await db
		.select({ row: practice, organisationName: organisation.name })
		.from(practice)
		.leftJoin(organisation, eq(organisation.id, practice.organisationId))
		.where(eq(practice.status, 'submitted'))
		.orderBy(practice.submittedAt);
	return ok(listed(rows.map((r) => ({ ...r.row, organisationName: r.organisationName })), locale));
}

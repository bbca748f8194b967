import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { BASE_LOCALE, LOCALES, type AppLocale } from '../../i18n/locales.ts';
import { collator } from '../../i18n/format.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { glossaryRevision, glossaryTerm, glossaryTranslation } from '../db/schema/glossary.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { requestSearchIndex } from '../search/index.ts';
import { forgetGlossary } from './queries.ts';
import { GLOSSARY_SEARCH } from './search.ts';

/** A term's wording in one language: there, missing, or older than its English source. */
export type TermState = 'translated' | 'missing' | 'outdated';

export type GlossaryTranslationStatus = {
	/** Per locale, how many terms are in each state. */
	totals: { locale: AppLocale; translated: number; missing: number; outdated: number }[];
	/** Every term (by its English wording, in English order) with its state in each locale. */
	terms: { slug: string; term: string; states: { locale: AppLocale; state: TermState }[] }[];
};

/**
 * The glossary's translation status for editors, like the frameworks': each term in each locale,
 * translated, missing or out of date relative to English. One query.
 */
export async function glossaryTranslationStatus(db: DbOrTx, actor: Actor): Promise<Result<GlossaryTranslationStatus>> {
	if (!can(actor, 'content:edit')) return problem('forbidden');
	const rows = await queryRows<{ slug: string; source: string | null; locale: string; translated: boolean; outdated: boolean }>(
		db,
		sql`select g.slug, src.term as source, l.locale, t.term_id is not null as translated,
				coalesce(t.updated_at < src.updated_at, false) as outdated
			from glossary_term g
			cross join (values ${sql.join(
				LOCALES.map((l) => sql`(${l})`),
				sql`, `
			)}) as l(locale)
			left join glossary_translation t on t.term_id = g.id and t.locale = l.locale
			left join glossary_translation src on src.term_id = g.id and src.locale = ${BASE_LOCALE}`
	);
	const terms = new Map<string, GlossaryTranslationStatus['terms'][number]>();
	const totals = new Map(LOCALES.map((locale) => [locale, { locale, translated: 0, missing: 0, outdated: 0 }]));
	for (const r of rows) {
		const entry = terms.get(r.slug) ?? { slug: r.slug, term: r.source ?? r.slug, states: [] };
		const locale = r.locale as AppLocale;
		const state: TermState = !r.translated ? 'missing' : r.outdated ? 'outdated' : 'translated';
		entry.states.push({ locale, state });
		totals.get(locale)![state] += 1;
		terms.set(r.slug, entry);
	}
	const { compare } = collator(BASE_LOCALE, { sensitivity: 'base' });
	for (const entry of terms.values()) entry.states.sort((a, b) => LOCALES.indexOf(a.locale) - LOCALES.indexOf(b.locale));
	return ok({ totals: [...totals.values()], terms: [...terms.values()].sort((a, b) => compare(a.term, b.term)) });
}

const source = alias(glossaryTranslation, 'source');
const target = alias(glossaryTranslation, 'target');

async function loadTerm(db: DbOrTx, slug: string, locale: AppLocale) {
	const [row] = await db
		.select({
			termId: glossaryTerm.id,
			slug: glossaryTerm.slug,
			sourceTerm: source.term,
			sourceDefinition: source.definition,
			sourceUpdatedAt: source.updatedAt,
			term: target.term,
			definition: target.definition,
			updatedAt: target.updatedAt
		})
		.from(glossaryTerm)
		.leftJoin(source, and(eq(source.termId, glossaryTerm.id), eq(source.locale, BASE_LOCALE)))
		.leftJoin(target, and(eq(target.termId, glossaryTerm.id), eq(target.locale, locale)))
		.where(eq(glossaryTerm.slug, slug));
	return row;
}

export type TermForEditing = NonNullable<Awaited<ReturnType<typeof loadTerm>>> & {
	outdated: boolean;
	revisions: {
		id: number;
		createdAt: Date;
		editorName: string | null;
		previousTerm: string | null;
		previousDefinition: string | null;
		term: string;
		definition: string;
	}[];
};

/** A term side by side: the English source and one locale, with that locale's revisions (editors only). */
export async function termForEditing(db: DbOrTx, actor: Actor, slug: string, locale: AppLocale): Promise<Result<TermForEditing>> {
	if (!can(actor, 'content:edit')) return problem('forbidden');
	const row = await loadTerm(db, slug, locale);
	if (!row) return problem('not_found', { key: 'glossary_term_not_found' });
	const revisions = await db
		.select({
			id: glossaryRevision.id,
			createdAt: glossaryRevision.createdAt,
			editorName: user.displayName,
			previousTerm: glossaryRevision.previousTerm,
			previousDefinition: glossaryRevision.previousDefinition,
			term: glossaryRevision.term,
			definition: glossaryRevision.definition
		})
		.from(glossaryRevision)
		.leftJoin(user, eq(user.id, glossaryRevision.editorId))
		.where(and(eq(glossaryRevision.termId, row.termId), eq(glossaryRevision.locale, locale)))
		.orderBy(desc(glossaryRevision.createdAt), desc(glossaryRevision.id));
	const outdated = locale !== BASE_LOCALE && !!row.updatedAt && !!row.sourceUpdatedAt && row.updatedAt < row.sourceUpdatedAt;
	return ok({ ...row, outdated, revisions });
}

/**
 * An editor's change to one term's wording in one language: saved at once, with a revision that
 * keeps the previous text, and the term marked as edited so the content import keeps it.
 */
export async function editTermTranslation(
	db: DbOrTx,
	actor: Actor,
	slug: string,
	locale: AppLocale,
	wording: { term: string; definition: string }
): Promise<Result> {
	if (!actor || !can(actor, 'content:edit')) return problem('forbidden');
	const current = await loadTerm(db, slug, locale);
	if (!current) return problem('not_found', { key: 'glossary_term_not_found' });
	await db.transaction(async (tx) => {
		await tx
			.insert(glossaryTranslation)
			.values({ termId: current.termId, locale, ...wording })
			.onConflictDoUpdate({
				target: [glossaryTranslation.termId, glossaryTranslation.locale],
				set: { ...wording, updatedAt: sql`now()` }
			});
		await tx.insert(glossaryRevision).values({
			termId: current.termId,
			locale,
			previousTerm: current.term,
			previousDefinition: current.definition,
			...wording,
			editorId: actor.id
		});
		await tx.update(glossaryTerm).set({ editedInPlatform: true, updatedAt: sql`now()` }).where(eq(glossaryTerm.id, current.termId));
		await requestSearchIndex(tx, GLOSSARY_SEARCH.type, slug);
	});
	forgetGlossary();
	return ok();
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { BASE_LOCALE, type AppLocale } from '../../i18n/locales.ts';
import { createCache, databaseKey } from '../cache/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { glossaryTerm, glossaryTranslation } from '../db/schema/glossary.ts';
import { collator } from '../../i18n/format.ts';

export type GlossaryEntry = {
	slug: string;
	term: string;
	definition: string;
	/** The locale the wording is in: the reader's, or the base locale (else the term's first) as a visible fallback. */
	shownLocale: string;
	availableLocales: string[];
	sourceCitation: string;
	sourceUrl: string | null;
	related: string[];
};

const wanted = alias(glossaryTranslation, 'wanted');
const base = alias(glossaryTranslation, 'base');

function selectEntries(db: DbOrTx, locale: AppLocale) {
	return db
		.select({
			slug: glossaryTerm.slug,
			// A term a member proposed in another language may have no base-locale wording yet: then its first language.
			term: sql<string>`coalesce(${wanted.term}, ${base.term}, (select gt.term from glossary_translation gt where gt.term_id = ${glossaryTerm.id} order by gt.locale limit 1))`,
			definition: sql<string>`coalesce(${wanted.definition}, ${base.definition}, (select gt.definition from glossary_translation gt where gt.term_id = ${glossaryTerm.id} order by gt.locale limit 1))`,
			shownLocale: sql<string>`case when ${wanted.term} is not null then ${locale} when ${base.term} is not null then ${BASE_LOCALE} else (select gt.locale from glossary_translation gt where gt.term_id = ${glossaryTerm.id} order by gt.locale limit 1) end`,
			availableLocales: sql<string[]>`array(select gt.locale from glossary_translation gt where gt.term_id = ${glossaryTerm.id} order by gt.locale)`,
			sourceCitation: glossaryTerm.sourceCitation,
			sourceUrl: glossaryTerm.sourceUrl,
			related: glossaryTerm.related
		})
		.from(glossaryTerm)
		.leftJoin(wanted, and(eq(wanted.termId, glossaryTerm.id), eq(wanted.locale, locale)))
		.leftJoin(base, and(eq(base.termId, glossaryTerm.id), eq(base.locale, BASE_LOCALE)));
}

const glossaryOrder = (locale: string) => collator(locale, { sensitivity: 'base' });

/** Every term in the reader's language (falling back to the base locale), sorted for that language. */
export async function listGlossary(db: DbOrTx, locale: AppLocale): Promise<GlossaryEntry[]> {
	const rows = await selectEntries(db, locale);
	const { compare } = glossaryOrder(locale);
	return rows.sort((a, b) => compare(a.term, b.term));
}

// The glossary page reads every term of its language; the terms change when an editor edits one
// (which forgets them here at once and, through the content channel, on every instance) or content
// is imported (platform/content.ts forgets them too).
const lists = createCache({ ttlMs: 5 * 60_000, limit: 20 });

/** listGlossary, kept per instance for the glossary page (read-only: every reader shares it). */
export function glossaryList(db: DbOrTx, locale: AppLocale): Promise<readonly GlossaryEntry[]> {
	return lists.get(JSON.stringify([databaseKey(db), locale]), async () => Object.freeze((await listGlossary(db, locale)).map((e) => Object.freeze(e))));
}

/** Forgets the kept glossary lists (a term changed). */
export function forgetGlossary(): void {
	lists.clear();
}

/** One term with the wording of its related terms, or undefined when no term has that slug. */
export async function getGlossaryTerm(
	db: DbOrTx,
	slug: string,
	locale: AppLocale
): Promise<{ entry: GlossaryEntry; related: { slug: string; term: string }[] } | undefined> {
	const [entry] = await selectEntries(db, locale).where(eq(glossaryTerm.slug, slug));
	if (!entry) return undefined;
	const related = entry.related.length
		? (await selectEntries(db, locale).where(inArray(glossaryTerm.slug, entry.related))).map(
				(r) => ({ slug: r.slug, term: r.term })
			)
		: [];
	return { entry, related };
}

function fold(text: string, locale: string): string {
	return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase(locale);
}

/** Terms whose wording or definition contains `query`, ignoring case and accents. */
export function filterGlossary<E extends GlossaryEntry>(entries: readonly E[], query: string, locale: string): readonly E[] {
	if (!query) return entries;
	const needle = fold(query, locale);
	return entries.filter((e) => fold(`${e.term} ${e.definition}`, locale).includes(needle));
}

/** Sorted entries grouped under their initial letter, for the A–Z page. */
export function groupByInitial<E extends GlossaryEntry>(entries: readonly E[], locale: string): { letter: string; entries: E[] }[] {
	const groups: { letter: string; entries: E[] }[] = [];
	for (const entry of entries) {
		const letter = entry.term.charAt(0).toLocaleUpperCase(locale);
		const last = groups.at(-1);
		if (last?.letter === letter) last.entries.push(entry);
		else groups.push({ letter, entries: [entry] });
	}
	return groups;
}

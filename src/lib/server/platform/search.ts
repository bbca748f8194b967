import type { AppLocale } from '../../i18n/locales.ts';
import { CAPABILITIES } from '../capabilities.ts';
import { config } from '../config/index.ts';
import { acronymsOf, readTermbase } from '../content/termbase.ts';
import { createCache, databaseKey } from '../cache/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { indexSearchSource, search, suggestQuery as suggest, type SearchResult } from '../search/index.ts';

export { SEARCH_PAGE_SIZE, searchIndexIsEmpty, type SearchHit, type SearchResult } from '../search/index.ts';

const SOURCES = CAPABILITIES.flatMap((c) => c.search ?? []);

/** The kinds of searchable items, in the order the search page lists them. */
export const SEARCH_TYPES: readonly string[] = SOURCES.map((s) => s.type);

/** Rebuilds the whole index (first start, content import). */
export async function reindexAllSearch(db: DbOrTx): Promise<void> {
	for (const source of SOURCES) await indexSearchSource(db, source);
	clearSearchCache();
}

/**
 * Brings one item's rows up to date, by reference (`course:foundations`, `glossary:career`):
 * re-inserted if it is (still) searchable, gone if not. Unknown types are ignored.
 */
export async function indexSearchItem(db: DbOrTx, ref: string): Promise<void> {
	const at = ref.indexOf(':');
	const source = SOURCES.find((s) => s.type === ref.slice(0, at));
	if (source && at > 0) await indexSearchSource(db, source, ref.slice(at + 1));
	clearSearchCache();
}

let acronyms: { dir: string; map: Map<string, string[]> } | undefined;

/** The termbase's acronyms and what they stand for, read once per content folder. */
function searchAcronyms(): Map<string, string[]> {
	const dir = config().contentDir;
	if (acronyms?.dir !== dir) acronyms = { dir, map: acronymsOf(readTermbase(dir)) };
	return acronyms.map;
}

/**
 * Search results, per instance: the index holds only public content, so a query's answer is the
 * same for everyone until the index changes. Re-indexing here clears it at once; a change indexed
 * on another instance clears it when the `content` channel's notice arrives (platform/events),
 * which may come a moment before that instance has finished indexing: the time to live bounds how
 * long such an answer can outlive it.
 */
const results = createCache({ ttlMs: 30_000, limit: 2000 });

/** Forgets every cached search result (the index changed). */
export function clearSearchCache(): void {
	results.clear();
}

/**
 * Searches every kind of item, or one, in the reader's language or all (see search/index.ts).
 * Answers from the cache unless `cache: false` (the search bench measures the query itself).
 */
export function searchEverything(
	db: DbOrTx,
	locale: AppLocale,
	query: string,
	options: { type?: string; limit?: number; offset?: number; exactWords?: boolean; allLanguages?: boolean; cache?: boolean } = {}
): Promise<SearchResult> {
	const { cache = true, ...rest } = options;
	const run = () => search(db, locale, query, { ...rest, types: SEARCH_TYPES, acronyms: searchAcronyms() });
	if (!cache) return run();
	const key = JSON.stringify([databaseKey(db), locale, query.trim(), rest.type, rest.limit, rest.offset, rest.exactWords, rest.allLanguages]);
	return results.get(key, run);
}

/**
 * "Did you mean" for a query that found nothing (see search/index.ts), kept like search results:
 * it reads every title of the language, and a query that finds nothing tends to be asked again.
 */
export function suggestQuery(db: DbOrTx, locale: AppLocale, query: string): Promise<string | null> {
	return results.get(JSON.stringify(['suggest', databaseKey(db), locale, query.trim()]), () => suggest(db, locale, query));
}

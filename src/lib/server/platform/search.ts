import type { AppLocale } from '../../i18n/locales.ts';
import { CAPABILITIES } from '../capabilities.ts';
import { config } from '../config/index.ts';
import { acronymsOf, readTermbase } from '../content/termbase.ts';
import type { DbOrTx } from '../db/client.ts';
import { indexSearchSource, search, type SearchResult } from '../search/index.ts';

export { searchIndexIsEmpty, suggestQuery, type SearchHit, type SearchResult } from '../search/index.ts';

const SOURCES = CAPABILITIES.flatMap((c) => c.search ?? []);

/** The kinds of searchable items, in the order the search page lists them. */
export const SEARCH_TYPES: readonly string[] = SOURCES.map((s) => s.type);

/** Rebuilds the whole index (first start, content import). */
export async function reindexAllSearch(db: DbOrTx): Promise<void> {
	for (const source of SOURCES) await indexSearchSource(db, source);
}

/**
 * Brings one item's rows up to date, by reference (`course:foundations`, `glossary:career`):
 * re-inserted if it is (still) searchable, gone if not. Unknown types are ignored.
 */
export async function indexSearchItem(db: DbOrTx, ref: string): Promise<void> {
	const at = ref.indexOf(':');
	const source = SOURCES.find((s) => s.type === ref.slice(0, at));
	if (source && at > 0) await indexSearchSource(db, source, ref.slice(at + 1));
}

let acronyms: { dir: string; map: Map<string, string[]> } | undefined;

/** The termbase's acronyms and what they stand for, read once per content folder. */
function searchAcronyms(): Map<string, string[]> {
	const dir = config().contentDir;
	if (acronyms?.dir !== dir) acronyms = { dir, map: acronymsOf(readTermbase(dir)) };
	return acronyms.map;
}

/** Searches every kind of item, or one, in the reader's language or all (see search/index.ts). */
export function searchEverything(
	db: DbOrTx,
	locale: AppLocale,
	query: string,
	options: { type?: string; limit?: number; exactWords?: boolean; allLanguages?: boolean } = {}
): Promise<SearchResult> {
	return search(db, locale, query, { ...options, types: SEARCH_TYPES, acronyms: searchAcronyms() });
}

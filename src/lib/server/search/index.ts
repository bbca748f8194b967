import { sql, type SQL } from 'drizzle-orm';
import { LOCALES, type AppLocale } from '../../i18n/locales.ts';
import type { SearchSource } from '../capability.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { emit } from '../events/index.ts';

/** The text-search configuration per language: stemming where PostgreSQL has it, else `simple`. */
export const SEARCH_CONFIG: Record<AppLocale, string> = { en: 'english', nb: 'norwegian', cs: 'simple', sk: 'simple', pl: 'simple' };

/** `(locale, config)` rows for a VALUES list. */
const configsOf = (locales: readonly AppLocale[]) =>
	sql.join(
		locales.map((l) => sql`(${l}, ${SEARCH_CONFIG[l]})`),
		sql`, `
	);
const configs = configsOf(LOCALES);

/** A join that gives each translation row its language's text-search config as `c.cfg`. */
export const localeConfigs = (localeColumn: SQL) => sql`join (values ${configs}) as c(locale, cfg) on c.locale = ${localeColumn}`;

/** Title weighs more than body; both unaccented so "kariera" finds "kariéra". Needs `c.cfg` (localeConfigs). */
export const searchVector = (title: SQL, body: SQL) =>
	sql`setweight(to_tsvector(c.cfg::regconfig, unaccent_immutable(${title})), 'A') || setweight(to_tsvector(c.cfg::regconfig, unaccent_immutable(${body})), 'B')`;

/** The columns every search source inserts, in this order. */
export const SEARCH_COLUMNS = sql`insert into search_document (type, ref, locale, path, title, body, config, tsv)`;

/**
 * Rebuilds a source's rows: every item of its type, or only the item `key` (the `ref` is
 * `type:key`). A few statements, whatever the size.
 */
export async function indexSearchSource(db: DbOrTx, source: SearchSource, key?: string): Promise<void> {
	await db.execute(key === undefined ? sql`delete from search_document where type = ${source.type}` : sql`delete from search_document where ref = ${`${source.type}:${key}`}`);
	await db.execute(source.rows(key));
}

/** The event that re-indexes one item after commit (handled by platform/search.ts). */
export const SEARCH_INDEX = 'search.index';
/** The realtime channel of content changes: every instance forgets its cached public pages (http/page-cache.ts). */
export const CONTENT_CHANNEL = 'content';

/**
 * Asks for one item (`type`, `key`: e.g. `course`, `foundations`) to be re-indexed once the
 * caller's transaction commits: an edit neither waits for the index nor rebuilds a whole type.
 * Every item in search is public content, so the same event tells every instance that its cached
 * pages may be out of date.
 */
export async function requestSearchIndex(tx: DbOrTx, type: string, key: string): Promise<void> {
	await emit(tx, { type: SEARCH_INDEX, payload: { ref: `${type}:${key}` }, channel: CONTENT_CHANNEL });
}

/** True when the index has no rows (first start, or after a migration emptied it). */
export async function searchIndexIsEmpty(db: DbOrTx): Promise<boolean> {
	const [row] = await queryRows<{ empty: boolean }>(db, sql`select not exists (select 1 from search_document) as empty`);
	return Boolean(row?.empty);
}

export type SearchHit = { type: string; locale: AppLocale; path: string; title: string; snippet: { text: string; mark: boolean }[] };
export type SearchResult = { hits: SearchHit[]; counts: Record<string, number> };

const START = '\u0001';
const STOP = '\u0002';

/** A ts_headline with our markers, as text parts to show plainly or marked (never raw HTML). */
function parts(headline: string): { text: string; mark: boolean }[] {
	return headline
		.split(START)
		.flatMap((chunk, i) => {
			if (i === 0) return [{ text: chunk, mark: false }];
			const [marked = '', rest = ''] = chunk.split(STOP);
			return [
				{ text: marked, mark: true },
				{ text: rest, mark: false }
			];
		})
		.filter((p) => p.text !== '');
}

/** Typo tolerance joins in only when the words as typed match fewer documents than this. */
export const TYPO_FALLBACK_BELOW = 5;

/**
 * The tsquery of `q` in text-search configuration `cfg` (an SQL expression): the words as
 * websearch reads them, where each acronym the termbase knows ("CMS") matches the acronym or the
 * words it stands for in any language ("career management skills", "dovednosti řízení kariéry").
 */
function tsQuery(cfg: SQL, q: string, acronyms: Map<string, string[]>, unaccented: boolean): SQL {
	const text = (value: string) => (unaccented ? sql`unaccent_immutable(${value})` : sql`${value}`);
	const words = q.split(/\s+/);
	const groups = words.filter((w) => acronyms.has(w.toUpperCase()));
	if (!groups.length) return sql`websearch_to_tsquery(${cfg}::regconfig, ${text(q)})`;
	const rest = words.filter((w) => !acronyms.has(w.toUpperCase())).join(' ');
	const either = groups.map((acronym) => {
		const phrases = acronyms.get(acronym.toUpperCase())!.map((phrase) => sql`phraseto_tsquery(${cfg}::regconfig, ${text(phrase)})`);
		return sql`(${sql.join([sql`plainto_tsquery(${cfg}::regconfig, ${acronym})`, ...phrases], sql` || `)})`;
	});
	return sql.join([sql`websearch_to_tsquery(${cfg}::regconfig, ${text(rest)})`, ...either], sql` && `);
}

/** Results per page of the search page. */
export const SEARCH_PAGE_SIZE = 10;

/**
 * Searches the reader's language, or every language (`allLanguages`, each hit says which):
 * full-text (stemmed for en and nb, unaccented everywhere), acronyms standing for their words.
 * When the words as typed find fewer than TYPO_FALLBACK_BELOW documents, trigram word similarity on
 * titles joins in for typos (the costly part, so a query that finds enough never pays for it).
 * An exact title match ranks first, then titles that start with the query, then text rank plus
 * how close the whole title is; equal ranks go by title, language and address.
 *
 * One statement answers the counts per type and one page of hits (`offset`, `limit`): the GIN
 * index gives the matches, which are ranked without their bodies (the title key is stored), and
 * only the page's hits get their snippet (`ts_headline`, the costly part, reads the whole body).
 */
export async function search(
	db: DbOrTx,
	locale: AppLocale,
	query: string,
	options: { types: readonly string[]; type?: string; limit?: number; offset?: number; exactWords?: boolean; allLanguages?: boolean; acronyms?: Map<string, string[]> }
): Promise<SearchResult> {
	const q = query.replaceAll('\u0000', '').trim().slice(0, 200);
	const counts: Record<string, number> = Object.fromEntries(options.types.map((t) => [t, 0]));
	if (!q) return { hits: [], counts };
	const acronyms = options.exactWords ? new Map<string, string[]>() : (options.acronyms ?? new Map<string, string[]>());
	const locales = options.allLanguages ? LOCALES : [locale];
	const cfg = sql`c.cfg`;
	// `q` holds one row per language searched, in that language's configuration: `query` matches the
	// unaccented index; `typed` (as typed, accents kept) lets the highlighter find the words in the
	// original text too. `key` is folded to a constant when the statement is planned (immutable).
	const key = sql`lower(unaccent_immutable(${q}))`;
	const run = (matches: SQL) =>
		queryRows<{ type: string; n: number | null; locale: AppLocale; path: string; title: string; headline: string }>(
			db,
			sql`
		with q as materialized (
			select c.locale, ${tsQuery(cfg, q, acronyms, true)} as query, ${tsQuery(cfg, q, acronyms, false)} as typed
			from (values ${configsOf(locales)}) as c(locale, cfg)
		), m as materialized (
			select d.id, d.type, d.title, d.locale, d.path,
				(case when d.title_key = ${key} then 10 when d.title_key like ${key} || '%' then 3 else 0 end)
					+ ts_rank_cd(d.tsv, q.query, 1) + similarity(${key}, d.title_key) as rank
			from search_document d join q on q.locale = d.locale
			where ${matches}
		), top as (
			select id, rank from m ${options.type ? sql`where type = ${options.type}` : sql``}
			order by rank desc, title, locale, path limit ${options.limit ?? SEARCH_PAGE_SIZE} offset ${options.offset ?? 0}
		)
		select d.type, null::int as n, d.locale, d.path, d.title, top.rank,
			ts_headline(d.config::regconfig, d.body, q.query || q.typed, ${`StartSel=${START},StopSel=${STOP},MaxWords=30,MinWords=12,MaxFragments=2,FragmentDelimiter= … `}) as headline
		from top join search_document d on d.id = top.id join q on q.locale = d.locale
		union all
		select type, count(*)::int, null, null, null, null, null from m group by type
		order by rank desc nulls last, title, locale, path`
		);
	let rows = await run(sql`d.tsv @@ q.query`);
	const total = (found: typeof rows) => found.reduce((sum, r) => sum + (r.n ?? 0), 0);
	// exactWords: every word must be in the text (no typo tolerance), for links the platform makes itself.
	if (!options.exactWords && total(rows) < TYPO_FALLBACK_BELOW) {
		rows = await run(sql`(d.tsv @@ q.query or ${key} <% d.title_key)`);
	}
	const hits: SearchHit[] = [];
	for (const r of rows) {
		if (r.n === null) hits.push({ type: r.type, locale: r.locale, path: r.path, title: r.title, snippet: parts(r.headline) });
		else counts[r.type] = r.n;
	}
	return { hits, counts };
}

/**
 * "Did you mean": for a query that found nothing, each word replaced by the closest word of the
 * language's titles (trigram similarity over the unaccented vocabulary, so "carrer" → "career",
 * "laring" → "læring"'s "laering"), or null when no word has a close enough neighbour. Runs only
 * after an empty search, over titles (a few thousand words), so it needs no index of its own.
 */
export async function suggestQuery(db: DbOrTx, locale: AppLocale, query: string): Promise<string | null> {
	const words = query
		.replaceAll('\u0000', '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}-]+/u)
		.filter(Boolean)
		.slice(0, 6);
	if (!words.length) return null;
	const rows = await queryRows<{ word: string; best: string | null }>(db, sql`
		with vocabulary as (
			select distinct w from search_document d, regexp_split_to_table(lower(d.title), '[[:space:][:punct:]]+') w
			where d.locale = ${locale} and length(w) > 2
		), typed as (select unnest(string_to_array(${words.join(' ')}, ' ')) as word)
		select t.word, (
			select v.w from vocabulary v
			where similarity(unaccent_immutable(v.w), unaccent_immutable(t.word)) >= 0.3
			order by unaccent_immutable(v.w) = unaccent_immutable(t.word) desc, similarity(unaccent_immutable(v.w), unaccent_immutable(t.word)) desc, v.w
			limit 1
		) as best
		from typed t`);
	const best = new Map(rows.map((r) => [r.word, r.best]));
	const suggested = words.map((w) => best.get(w) ?? w);
	return suggested.some((w, i) => w !== words[i]) ? suggested.join(' ') : null;
}

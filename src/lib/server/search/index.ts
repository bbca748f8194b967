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

/**
 * Searches the reader's language, or every language (`allLanguages`, each hit says which):
 * full-text (stemmed for en and nb, unaccented everywhere), acronyms standing for their words.
 * When the words as typed find fewer than TYPO_FALLBACK_BELOW documents, trigram word similarity on
 * titles joins in for typos (the costly part, so a query that finds enough never pays for it).
 * An exact title match ranks first, then titles that start with the query, then text rank plus
 * how close the whole title is.
 */
export async function search(
	db: DbOrTx,
	locale: AppLocale,
	query: string,
	options: { types: readonly string[]; type?: string; limit?: number; exactWords?: boolean; allLanguages?: boolean; acronyms?: Map<string, string[]> }
): Promise<SearchResult> {
	const q = query.replaceAll('\u0000', '').trim().slice(0, 200);
	const counts: Record<string, number> = Object.fromEntries(options.types.map((t) => [t, 0]));
	if (!q) return { hits: [], counts };
	const acronyms = options.exactWords ? new Map<string, string[]>() : (options.acronyms ?? new Map<string, string[]>());
	const locales = options.allLanguages ? LOCALES : [locale];
	const cfg = sql`c.cfg`;
	// One query row per language searched, in that language's configuration: `query` matches the
	// unaccented index; `typed` (as typed, accents kept) lets the highlighter find the words in the
	// original text too.
	const from = (matches: SQL) => sql`from search_document d join (
			select c.locale, ${tsQuery(cfg, q, acronyms, true)} as query, ${tsQuery(cfg, q, acronyms, false)} as typed
			from (values ${configsOf(locales)}) as c(locale, cfg)
		) q on q.locale = d.locale
		where ${matches}`;
	const countBy = async (matches: SQL) => {
		const rows = await queryRows<{ type: string; n: number }>(db, sql`select d.type, count(*)::int as n ${from(matches)} group by d.type`);
		return { rows, total: rows.reduce((sum, r) => sum + Number(r.n), 0) };
	};
	let matches = sql`d.tsv @@ q.query`;
	let counted = await countBy(matches);
	// exactWords: every word must be in the text (no typo tolerance), for links the platform makes itself.
	if (!options.exactWords && counted.total < TYPO_FALLBACK_BELOW) {
		matches = sql`(d.tsv @@ q.query or lower(unaccent_immutable(${q})) <% lower(unaccent_immutable(d.title)))`;
		counted = await countBy(matches);
	}
	for (const row of counted.rows) counts[row.type] = Number(row.n);
	if (counted.total === 0) return { hits: [], counts };
	// Rank first, then build snippets for the page of results only (ts_headline is the costly part).
	const rows = await queryRows<{ type: string; locale: AppLocale; path: string; title: string; headline: string }>(db, sql`
		select top.type, top.locale, top.path, top.title,
			ts_headline(top.config::regconfig, top.body, top.hl, ${`StartSel=${START},StopSel=${STOP},MaxWords=30,MinWords=12,MaxFragments=2,FragmentDelimiter= … `}) as headline
		from (
			select d.type, d.locale, d.path, d.title, d.body, d.config, q.query || q.typed as hl,
				(case when lower(unaccent_immutable(d.title)) = lower(unaccent_immutable(${q})) then 10
					when lower(unaccent_immutable(d.title)) like lower(unaccent_immutable(${q})) || '%' then 3 else 0 end)
					+ ts_rank_cd(d.tsv, q.query, 1)
					+ similarity(lower(unaccent_immutable(${q})), lower(unaccent_immutable(d.title))) as rank
			${from(matches)} ${options.type ? sql`and d.type = ${options.type}` : sql``}
			order by rank desc, d.title
			limit ${options.limit ?? 30}
		) top
		order by top.rank desc, top.title`);
	return { hits: rows.map((r) => ({ type: r.type, locale: r.locale, path: r.path, title: r.title, snippet: parts(r.headline) })), counts };
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

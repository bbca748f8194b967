import { sql, type SQL } from 'drizzle-orm';
import { LOCALES, type AppLocale } from '../../i18n/locales.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';

/** The text-search configuration per language: stemming where PostgreSQL has it, else `simple`. */
export const SEARCH_CONFIG: Record<AppLocale, string> = { en: 'english', nb: 'norwegian', cs: 'simple', sk: 'simple', pl: 'simple' };

export const SEARCH_TYPES = ['glossary', 'framework', 'course'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

const configs = sql.join(
	LOCALES.map((l) => sql`(${l}, ${SEARCH_CONFIG[l]})`),
	sql`, `
);

// Title weighs more than body; both unaccented so "kariera" finds "kariéra".
const vector = (title: SQL, body: SQL) =>
	sql`setweight(to_tsvector(c.cfg::regconfig, unaccent_immutable(${title})), 'A') || setweight(to_tsvector(c.cfg::regconfig, unaccent_immutable(${body})), 'B')`;

/**
 * The indexers: one INSERT … SELECT per kind of content, straight from its tables. Courses,
 * resources, practices and discussions join by adding theirs here.
 */
const INDEXERS: Record<SearchType, SQL> = {
	glossary: sql`
		insert into search_document (type, locale, path, title, body, config, tsv)
		select 'glossary', tr.locale, '/glossary/' || t.slug, tr.term, tr.definition, c.cfg, ${vector(sql`tr.term`, sql`tr.definition`)}
		from glossary_translation tr
		join glossary_term t on t.id = tr.term_id
		join (values ${configs}) as c(locale, cfg) on c.locale = tr.locale`,
	framework: sql`
		with current_version as (
			select distinct on (framework_id) id, framework_id from framework_version
			where status = 'published' order by framework_id, created_at desc
		)
		insert into search_document (type, locale, path, title, body, config, tsv)
		select 'framework', vt.locale, '/frameworks/' || f.slug, vt.title, vt.description, c.cfg, ${vector(sql`vt.title`, sql`vt.description`)}
		from current_version v
		join framework f on f.id = v.framework_id
		join framework_version_translation vt on vt.version_id = v.id
		join (values ${configs}) as c(locale, cfg) on c.locale = vt.locale
		union all
		select 'framework', nt.locale, '/frameworks/' || f.slug || '/' || n.key,
			concat_ws(' ', n.code, nt.title), nt.body, c.cfg, ${vector(sql`concat_ws(' ', n.code, nt.title)`, sql`nt.body`)}
		from current_version v
		join framework f on f.id = v.framework_id
		join framework_node n on n.version_id = v.id
		join framework_node_translation nt on nt.node_id = n.id
		join (values ${configs}) as c(locale, cfg) on c.locale = nt.locale`,
	// Published courses and their published lessons; Markdown marks and link targets left out.
	course: sql`
		insert into search_document (type, locale, path, title, body, config, tsv)
		select 'course', ct.locale, '/learn/' || co.slug, ct.title, ct.summary || ' ' || ct.audience, c.cfg,
			${vector(sql`ct.title`, sql`ct.summary || ' ' || ct.audience`)}
		from course co
		join course_translation ct on ct.course_id = co.id
		join (values ${configs}) as c(locale, cfg) on c.locale = ct.locale
		where co.status = 'published'
		union all
		select 'course', lt.locale, '/learn/' || co.slug || '/' || m.key || '/' || l.key, lt.title, b.text, c.cfg, ${vector(sql`lt.title`, sql`b.text`)}
		from lesson l
		join course co on co.id = l.course_id
		join course_module m on m.id = l.module_id
		join lesson_translation lt on lt.lesson_id = l.id
		join (values ${configs}) as c(locale, cfg) on c.locale = lt.locale
		cross join lateral (
			select regexp_replace(regexp_replace(lt.body, '\]\([^)]*\)', ']', 'g'), '[#*_>\[\]|]+|^:::.*$', ' ', 'gn') as text
		) b
		where co.status = 'published' and m.status = 'published' and l.status = 'published'`
};

/**
 * Rebuilds the search index for some kinds of content (all by default) from their tables:
 * a few statements, whatever the size.
 */
export async function reindexSearch(db: DbOrTx, types: readonly SearchType[] = SEARCH_TYPES): Promise<void> {
	for (const type of types) {
		await db.execute(sql`delete from search_document where type = ${type}`);
		await db.execute(INDEXERS[type]);
	}
}

/** True when the index has no rows (first start, or after a migration emptied it). */
export async function searchIndexIsEmpty(db: DbOrTx): Promise<boolean> {
	const [row] = await queryRows<{ empty: boolean }>(db, sql`select not exists (select 1 from search_document) as empty`);
	return Boolean(row?.empty);
}

export type SearchHit = { type: SearchType; path: string; title: string; snippet: { text: string; mark: boolean }[] };
export type SearchResult = { hits: SearchHit[]; counts: Record<SearchType, number> };

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

/**
 * Searches the reader's language: full-text (stemmed for en and nb, unaccented everywhere),
 * with trigram word similarity on titles for typos. An exact title match ranks first, then
 * titles that start with the query, then text rank plus how close the whole title is.
 */
export async function search(
	db: DbOrTx,
	locale: AppLocale,
	query: string,
	options: { type?: SearchType; limit?: number; exactWords?: boolean } = {}
): Promise<SearchResult> {
	const q = query.replaceAll('\u0000', '').trim().slice(0, 200);
	const counts = Object.fromEntries(SEARCH_TYPES.map((t) => [t, 0])) as Record<SearchType, number>;
	if (!q) return { hits: [], counts };
	const cfg = SEARCH_CONFIG[locale];
	// exactWords: every word must be in the text (no typo tolerance), for links the platform makes itself.
	const matches = options.exactWords
		? sql`d.tsv @@ q.query`
		: sql`(d.tsv @@ q.query or lower(unaccent_immutable(${q})) <% lower(unaccent_immutable(d.title)))`;
	// `query` matches the unaccented index; `typed` (as typed, accents kept) lets the highlighter
	// find the words in the original text too.
	const from = sql`from search_document d, (select websearch_to_tsquery(${cfg}::regconfig, unaccent_immutable(${q})) as query,
		websearch_to_tsquery(${cfg}::regconfig, ${q}) as typed) q
		where d.locale = ${locale} and ${matches}`;
	// Rank first, then build snippets for the page of results only (ts_headline is the costly part).
	const rows = await queryRows<{ type: SearchType; path: string; title: string; headline: string }>(db, sql`
		select top.type, top.path, top.title,
			ts_headline(top.config::regconfig, top.body, top.hl, ${`StartSel=${START},StopSel=${STOP},MaxWords=30,MinWords=12,MaxFragments=2,FragmentDelimiter= … `}) as headline
		from (
			select d.type, d.path, d.title, d.body, d.config, q.query || q.typed as hl,
				(case when lower(unaccent_immutable(d.title)) = lower(unaccent_immutable(${q})) then 10
					when lower(unaccent_immutable(d.title)) like lower(unaccent_immutable(${q})) || '%' then 3 else 0 end)
					+ ts_rank_cd(d.tsv, q.query, 1)
					+ similarity(lower(unaccent_immutable(${q})), lower(unaccent_immutable(d.title))) as rank
			${from} ${options.type ? sql`and d.type = ${options.type}` : sql``}
			order by rank desc, d.title
			limit ${options.limit ?? 30}
		) top
		order by top.rank desc, top.title`);
	const countRows = await queryRows<{ type: SearchType; n: number }>(db, sql`select d.type, count(*)::int as n ${from} group by d.type`);
	for (const row of countRows) counts[row.type] = Number(row.n);
	return { hits: rows.map((r) => ({ type: r.type, path: r.path, title: r.title, snippet: parts(r.headline) })), counts };
}

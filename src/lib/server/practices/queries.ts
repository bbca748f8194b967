import { and, arrayOverlaps, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import { CHANNELS, COMPARE_MAX, COMPARE_MIN, PRACTICE_COUNTRIES, PRACTICE_SECTORS, SORTS, type PracticeSort } from '../../practices/options.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { framework, frameworkVersion } from '../db/schema/frameworks.ts';
import { organisation } from '../db/schema/organisations.ts';
import { practice, type PracticeFields, type PracticeTranslations } from '../db/schema/practices.ts';
import { isSlug, isUuid, pageNumber } from '../forms/index.ts';
import type { Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { SEARCH_CONFIG } from '../search/index.ts';
import { getPractice, type PracticeView } from './service.ts';
import { wordingOf, wordsOf } from './wording.ts';

// Finding published practices: facets with counts, full-text search through the platform's search
// index, sort and pages; the same filter serves the browse page, the statistics and the open API.

/** Every facet, and the column it filters: arrays overlap (any of the values), scalars match one of them. */
export const FACETS = {
	theme: practice.themes,
	function: practice.functions,
	rationale: practice.rationales,
	audience: practice.audiences,
	country: practice.country,
	sector: practice.sector,
	funding: practice.funding,
	barrier: practice.barriers,
	channel: practice.channels
} as const;
export type Facet = keyof typeof FACETS;
export const FACET_NAMES = Object.keys(FACETS) as Facet[];
const SCALAR: readonly Facet[] = ['country', 'sector'];
const CLOSED: Partial<Record<Facet, readonly string[]>> = { country: PRACTICE_COUNTRIES, sector: PRACTICE_SECTORS, channel: CHANNELS };

export type PracticeFilter = { q: string; facets: Record<Facet, string[]>; sort: PracticeSort; page: number };

export const PAGE_SIZE = 24;

/** A filter from a URL's query (a shareable GET form): unknown values are dropped, never an error. */
export function filterFromQuery(params: URLSearchParams): PracticeFilter {
	const facets = Object.fromEntries(
		FACET_NAMES.map((name) => {
			const closed = CLOSED[name];
			const values = [...new Set(params.getAll(name))].filter((v) => (closed ? closed.includes(v) : isSlug(v))).slice(0, 20);
			return [name, values];
		})
	) as Record<Facet, string[]>;
	const sort = params.get('sort');
	return {
		q: (params.get('q') ?? '').replaceAll('\u0000', '').trim().slice(0, 200),
		facets,
		sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as PracticeSort) : 'title',
		page: pageNumber(params)
	};
}

/** The filter as a query string (without the page), for links that keep it. */
export function queryOf(filter: PracticeFilter, extra: Record<string, string> = {}): string {
	const params = new URLSearchParams();
	if (filter.q) params.set('q', filter.q);
	for (const name of FACET_NAMES) for (const value of filter.facets[name]) params.append(name, value);
	if (filter.sort !== 'title') params.set('sort', filter.sort);
	for (const [k, v] of Object.entries(extra)) params.set(k, v);
	return params.toString();
}

function conditions(filter: PracticeFilter, locale: AppLocale, except?: Facet): SQL[] {
	const where: SQL[] = [eq(practice.status, 'published')];
	for (const name of FACET_NAMES) {
		const values = filter.facets[name];
		if (!values.length || name === except) continue;
		where.push(SCALAR.includes(name) ? inArray(FACETS[name] as typeof practice.country, values) : arrayOverlaps(FACETS[name] as typeof practice.themes, values));
	}
	if (filter.q) {
		const cfg = SEARCH_CONFIG[locale];
		where.push(sql`${practice.id}::text in (select substr(d.ref, 10) from search_document d
			where d.type = 'practice' and d.locale = ${locale}
			and (d.tsv @@ websearch_to_tsquery(${cfg}::regconfig, unaccent_immutable(${filter.q}))
				or lower(unaccent_immutable(${filter.q})) <% lower(unaccent_immutable(d.title))))`);
	}
	return where;
}

const ORDER: Record<PracticeSort, SQL[]> = {
	title: [asc(sql`lower(${practice.title})`), asc(practice.id)],
	newest: [desc(practice.publishedAt), asc(practice.id)],
	country: [asc(practice.country), asc(sql`lower(${practice.title})`), asc(practice.id)],
	start: [sql`${practice.startYear} desc nulls last`, asc(sql`lower(${practice.title})`), asc(practice.id)]
};

export type PracticeCard = {
	id: string;
	title: string;
	summary: string;
	/** The languages the title and the summary are shown in (each translated or not). */
	lang: string;
	summaryLang: string;
	country: string;
	region: string;
	sector: string;
	startYear: number | null;
	example: boolean;
	themes: string[];
	organisation: string | null;
};

export type Browse = { items: PracticeCard[]; total: number; counts: Record<Facet, Record<string, number>> };

/** A page of published practices and, per facet, how many of the filtered practices have each value. */
export async function browsePractices(db: DbOrTx, filter: PracticeFilter, locale: AppLocale): Promise<Browse> {
	const where = and(...conditions(filter, locale));
	const rows = await db
		.select({ row: practice, organisationName: organisation.name })
		.from(practice)
		.leftJoin(organisation, eq(organisation.id, practice.organisationId))
		.where(where)
		.orderBy(...ORDER[filter.sort])
		.limit(PAGE_SIZE)
		.offset((filter.page - 1) * PAGE_SIZE);
	const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(practice).where(where);
	const counts = await facetCounts(db, filter, locale);
	return {
		items: rows.map(({ row, organisationName }) => {
			const w = wordingOf(row, locale);
			return { id: row.id, ...w, country: row.country, region: row.region, sector: row.sector, startYear: row.startYear, example: row.example, themes: row.themes, organisation: organisationName };
		}),
		total: Number(total),
		counts
	};
}

/** Per facet, how many of the practices the filter finds have each value (one query). */
export async function facetCounts(db: DbOrTx, filter: PracticeFilter, locale: AppLocale): Promise<Record<Facet, Record<string, number>>> {
	const where = and(...conditions(filter, locale));
	const parts = FACET_NAMES.map((name) =>
		SCALAR.includes(name)
			? sql`select ${name}::text as facet, p.${sql.identifier(FACETS[name].name)} as value, count(*)::int as n from practice p where p.id in (select id from filtered) group by 2`
			: sql`select ${name}::text as facet, v as value, count(*)::int as n from practice p, unnest(p.${sql.identifier(FACETS[name].name)}) v where p.id in (select id from filtered) group by 2`
	);
	const rows = await queryRows<{ facet: Facet; value: string; n: number }>(
		db,
		sql`with filtered as (select ${practice.id} as id from ${practice} where ${where}) ${sql.join(parts, sql` union all `)}`
	);
	const counts = Object.fromEntries(FACET_NAMES.map((n) => [n, {}])) as Record<Facet, Record<string, number>>;
	for (const row of rows) counts[row.facet][row.value] = Number(row.n);
	return counts;
}

/** Counts of the published practices the filter finds by country and theme (a row per pair), for the statistics. */
export async function countryByTheme(db: DbOrTx, filter: PracticeFilter, locale: AppLocale): Promise<{ country: string; theme: string; n: number }[]> {
	const where = and(...conditions(filter, locale));
	return queryRows<{ country: string; theme: string; n: number }>(
		db,
		sql`select p.country, t as theme, count(*)::int as n from practice p, unnest(p.themes) t where p.id in (select ${practice.id} from ${practice} where ${where}) group by 1, 2 order by 1, 2`
	);
}

export type PracticeStatistics = { total: number; cells: { country: string; theme: string; n: number }[]; counts: Record<Facet, Record<string, number>> };

/** The statistics of the published practices a filter finds (the browse view's filter): total, country × theme, and every facet's counts. */
export async function practiceStatistics(db: DbOrTx, filter: PracticeFilter, locale: AppLocale): Promise<PracticeStatistics> {
	const where = and(...conditions(filter, locale));
	const [[{ total } = { total: 0 }], cells, counts] = await Promise.all([
		db.select({ total: sql<number>`count(*)::int` }).from(practice).where(where),
		countryByTheme(db, filter, locale),
		facetCounts(db, filter, locale)
	]);
	return { total: Number(total), cells: cells.map((c) => ({ ...c, n: Number(c.n) })), counts };
}

/** Two to four practices the actor may read, in the order asked, for the side-by-side view. */
export async function comparePractices(db: DbOrTx, actor: Actor, ids: string[], locale: AppLocale): Promise<Result<PracticeView[]>> {
	const unique = [...new Set(ids)];
	if (unique.length < COMPARE_MIN || unique.length > COMPARE_MAX) return problem('invalid', { key: 'practices_error_compare_count' });
	if (!unique.every(isUuid)) return problem('not_found');
	const views: PracticeView[] = [];
	for (const id of unique) {
		const found = await getPractice(db, actor, id, locale);
		if (!found.ok) return problem('not_found');
		views.push(found.value);
	}
	return ok(views);
}

/** A published practice as the open API gives it (ids and keys only, no words of the UI). */
export type ApiPractice = {
	id: string;
	url: string;
	title: string;
	summary: string;
	language: string;
	translations: PracticeTranslations;
	organisation: string | null;
	country: string;
	region: string;
	sector: string;
	languages: string[];
	startYear: number | null;
	channels: string[];
	licence: string;
	example: boolean;
	template: { framework: string; version: string };
	fields: PracticeFields;
	publishedAt: string | null;
	updatedAt: string;
};

const apiColumns = { row: practice, organisationName: organisation.name, frameworkSlug: framework.slug, frameworkVersion: frameworkVersion.version };
type ApiRow = { row: typeof practice.$inferSelect; organisationName: string | null; frameworkSlug: string; frameworkVersion: string };

const apiOf = (origin: string) => ({ row, organisationName, frameworkSlug, frameworkVersion: version }: ApiRow): ApiPractice => ({
	id: row.id,
	url: `${origin}/practices/${row.id}`,
	title: row.title,
	summary: row.summary,
	language: row.locale,
	translations: Object.fromEntries(Object.entries(row.translations).map(([locale, t]) => [locale, wordsOf(t!)])),
	organisation: organisationName,
	country: row.country,
	region: row.region,
	sector: row.sector,
	languages: row.languages,
	startYear: row.startYear,
	channels: row.channels,
	licence: row.licence,
	example: row.example,
	template: { framework: frameworkSlug, version },
	fields: row.fields,
	publishedAt: row.publishedAt?.toISOString() ?? null,
	updatedAt: row.updatedAt.toISOString()
});

function apiQuery(db: DbOrTx) {
	return db
		.select(apiColumns)
		.from(practice)
		.leftJoin(organisation, eq(organisation.id, practice.organisationId))
		.innerJoin(frameworkVersion, eq(frameworkVersion.id, practice.frameworkVersionId))
		.innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId));
}

/** A page of published practices for the open API, with the total. */
export async function apiPractices(db: DbOrTx, filter: PracticeFilter, pageSize: number, origin: string): Promise<{ items: ApiPractice[]; total: number }> {
	const where = and(...conditions(filter, 'en'));
	const rows = await apiQuery(db)
		.where(where)
		.orderBy(...ORDER[filter.sort])
		.limit(pageSize)
		.offset((filter.page - 1) * pageSize);
	const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(practice).where(where);
	return { items: rows.map(apiOf(origin)), total: Number(total) };
}

/** One published practice for the open API, or undefined (drafts are nobody's business here). */
export async function apiPractice(db: DbOrTx, id: string, origin: string): Promise<ApiPractice | undefined> {
	if (!isUuid(id)) return undefined;
	const [row] = await apiQuery(db).where(and(eq(practice.id, id), eq(practice.status, 'published')));
	return row ? apiOf(origin)(row) : undefined;
}

/** Every published practice in batches (for the streamed CSV export). */
export async function* publishedBatches(db: DbOrTx, origin: string, size = 500): AsyncGenerator<ApiPractice[]> {
	for (let offset = 0; ; offset += size) {
		const rows = await apiQuery(db)
			.where(eq(practice.status, 'published'))
			.orderBy(asc(practice.id))
			.limit(size)
			.offset(offset);
		if (rows.length) yield rows.map(apiOf(origin));
		if (rows.length < size) return;
	}
}

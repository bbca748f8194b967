import { and, arrayContains, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { BASE_LOCALE, type AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { isUuid } from '../forms/index.ts';
import { resource, resourceLink, resourceTranslation } from '../db/schema/resources.ts';
import { CAREER_KINDS, DURATIONS, KINDS, LANGUAGES, LIBRARY_KINDS, QUALITY_AREAS, SECTORS, SETTINGS, TARGETS, type DurationBand, type ResourceKind } from './vocabulary.ts';

/** A browse filter: one value per facet (any combination), within a scope of kinds. */
export type ResourceFilter = {
	kind?: ResourceKind;
	sector?: string;
	target?: string;
	qualityArea?: string;
	language?: string;
	setting?: string;
	duration?: DurationBand;
	/** A framework node the resource is linked to (career button or learning outcome). */
	node?: { framework: string; key: string };
};

export const FACETS = ['kind', 'sector', 'target', 'qualityArea', 'language', 'setting', 'duration'] as const;
export type Facet = (typeof FACETS)[number];
export type FacetCounts = Record<Facet, { value: string; count: number }[]>;

/** The library (quality laboratory) or the career-learning items. */
export type Scope = 'library' | 'career' | 'all';
const scopeKinds = (scope: Scope): readonly string[] => (scope === 'library' ? LIBRARY_KINDS : scope === 'career' ? CAREER_KINDS : KINDS);

const bandOf = sql<string>`case when ${resource.duration} is null then null when ${resource.duration} <= 15 then 'short' when ${resource.duration} <= 45 then 'medium' else 'long' end`;

function conditions(scope: Scope, filter: ResourceFilter, except?: Facet): SQL | undefined {
	return and(
		eq(resource.status, 'published'),
		inArray(resource.kind, [...scopeKinds(scope)]),
		filter.kind && except !== 'kind' ? eq(resource.kind, filter.kind) : undefined,
		filter.sector && except !== 'sector' ? arrayContains(resource.sectors, [filter.sector]) : undefined,
		filter.target && except !== 'target' ? arrayContains(resource.targets, [filter.target]) : undefined,
		filter.qualityArea && except !== 'qualityArea' ? arrayContains(resource.qualityAreas, [filter.qualityArea]) : undefined,
		filter.language && except !== 'language' ? arrayContains(resource.languages, [filter.language]) : undefined,
		filter.setting && except !== 'setting' ? arrayContains(resource.settings, [filter.setting]) : undefined,
		filter.duration && except !== 'duration' ? sql`${bandOf} = ${filter.duration}` : undefined,
		filter.node
			? sql`exists (select 1 from ${resourceLink} l where l.resource_id = ${resource.id} and l.framework_slug = ${filter.node.framework} and l.node_key = ${filter.node.key})`
			: undefined
	);
}

const ARRAY_COLUMN = { sector: resource.sectors, target: resource.targets, qualityArea: resource.qualityAreas, language: resource.languages, setting: resource.settings } as const;
const VOCABULARY: Record<Facet, readonly string[]> = { kind: KINDS, sector: SECTORS, target: TARGETS, qualityArea: QUALITY_AREAS, language: LANGUAGES, setting: SETTINGS, duration: DURATIONS };

/**
 * How many published resources each value of each facet has, given the other facets' choices
 * (a facet does not narrow its own counts, so every value stays reachable). Values with no
 * resources are left out; the order is the vocabulary's.
 */
export async function facetCounts(db: DbOrTx, scope: Scope, filter: ResourceFilter): Promise<FacetCounts> {
	const count = sql<number>`count(*)::int`;
	const run = async (facet: Facet): Promise<{ value: string; count: number }[]> => {
		let rows: { value: string | null; count: number }[];
		if (facet === 'kind') {
			rows = await db.select({ value: resource.kind, count }).from(resource).where(conditions(scope, filter, 'kind')).groupBy(resource.kind);
		} else if (facet === 'duration') {
			rows = await db.select({ value: bandOf, count }).from(resource).where(conditions(scope, filter, 'duration')).groupBy(bandOf);
		} else {
			const column = ARRAY_COLUMN[facet];
			const value = sql<string>`v.value`;
			rows = await db
				.select({ value, count })
				.from(resource)
				.innerJoin(sql`unnest(${column}) as v(value)`, sql`true`)
				.where(conditions(scope, filter, facet))
				.groupBy(value);
		}
		const order = VOCABULARY[facet];
		return rows
			.filter((r): r is { value: string; count: number } => r.value !== null && order.includes(r.value))
			.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
	};
	const entries = await Promise.all(FACETS.map(async (facet) => [facet, await run(facet)] as const));
	return Object.fromEntries(entries) as FacetCounts;
}

const wanted = alias(resourceTranslation, 'wanted_t');
const base = alias(resourceTranslation, 'base_t');

/** A resource in a list, in the reader's language or English. */
export type ResourceListed = {
	slug: string;
	kind: ResourceKind;
	title: string;
	summary: string;
	shownLocale: string;
	sectors: string[];
	targets: string[];
	settings: string[];
	qualityAreas: string[];
	languages: string[];
	duration: number | null;
	ownWriting: boolean;
};

// A member's proposal may exist only in the language it was written in: shown in that one.
const anyOf = (column: 'title' | 'summary' | 'locale') =>
	sql`(select t.${sql.raw(column)} from resource_translation t where t.resource_id = ${resource.id} order by t.locale limit 1)`;

function listed(db: DbOrTx, locale: AppLocale) {
	return db
		.select({
			slug: resource.slug,
			kind: sql<ResourceKind>`${resource.kind}`,
			title: sql<string>`coalesce(${wanted.title}, ${base.title}, ${anyOf('title')})`,
			summary: sql<string>`coalesce(${wanted.summary}, ${base.summary}, ${anyOf('summary')})`,
			shownLocale: sql<string>`case when ${wanted.title} is not null then ${locale} when ${base.title} is not null then ${BASE_LOCALE} else ${anyOf('locale')} end`,
			sectors: resource.sectors,
			targets: resource.targets,
			settings: resource.settings,
			qualityAreas: resource.qualityAreas,
			languages: resource.languages,
			duration: resource.duration,
			ownWriting: resource.ownWriting
		})
		.from(resource)
		.leftJoin(wanted, and(eq(wanted.resourceId, resource.id), eq(wanted.locale, locale)))
		.leftJoin(base, and(eq(base.resourceId, resource.id), eq(base.locale, BASE_LOCALE)));
}

export const PAGE_SIZE = 50;

/** Published resources matching the filter, a page at a time (by kind, then title), and how many match. */
export async function listResources(db: DbOrTx, locale: AppLocale, scope: Scope, filter: ResourceFilter, page = 1): Promise<{ items: ResourceListed[]; total: number }> {
	const where = conditions(scope, filter);
	const kindOrder = sql`array_position(array[${sql.join(KINDS.map((k) => sql`${k}`), sql`, `)}]::text[], ${resource.kind})`;
	const [items, [total]] = await Promise.all([
		listed(db, locale)
			.where(where)
			.orderBy(kindOrder, sql`coalesce(${wanted.title}, ${base.title}, ${anyOf('title')})`, asc(resource.id))
			.limit(PAGE_SIZE)
			.offset((Math.max(1, page) - 1) * PAGE_SIZE),
		db.select({ n: sql<number>`count(*)::int` }).from(resource).where(where)
	]);
	return { items, total: total?.n ?? 0 };
}

/** Published resources linked to a framework node (for "resources for this …" lists). */
export async function resourcesForNode(db: DbOrTx, locale: AppLocale, framework: string, key: string, limit = 12): Promise<ResourceListed[]> {
	return listed(db, locale)
		.where(conditions('all', { node: { framework, key } }))
		.orderBy(desc(resource.viewCount), asc(resource.id))
		.limit(limit);
}

/** Resources by slug in the reader's language (for a plan's steps and the shelf); unpublished ones too. */
export async function resourcesBySlug(db: DbOrTx, locale: AppLocale, slugs: string[]): Promise<ResourceListed[]> {
	if (!slugs.length) return [];
	return listed(db, locale).where(inArray(resource.slug, slugs));
}


/** Every published resource (library and career learning) in the reader's language, by title: what a plan's action can link to. */
export async function linkableResources(db: DbOrTx, locale: AppLocale): Promise<ResourceListed[]> {
	return listed(db, locale)
		.where(conditions('all', {}))
		.orderBy(sql`coalesce(${wanted.title}, ${base.title}, ${anyOf('title')})`, asc(resource.id));
}

/** The row id of a published resource, or null (a forged or unpublished slug). */
export async function publishedResourceId(db: DbOrTx, slug: string): Promise<number | null> {
	const [row] = await db
		.select({ id: resource.id })
		.from(resource)
		.where(and(eq(resource.slug, slug), eq(resource.status, 'published')));
	return row?.id ?? null;
}

/** How many of some people have a resource on their shelf, and how many put it in one of their session plans. */
export type ResourceUptake = { shelved: number; planned: number };

/**
 * Staff uptake of resources, by slug, for an organisation's development plan: counts only, one
 * query for all of them. Only per-person records count (the shelf, session plans); page views are
 * not kept per person. The caller decides whether the group is large enough to show them.
 */
export async function resourceUptake(db: DbOrTx, userIds: string[], slugs: string[]): Promise<Map<string, ResourceUptake>> {
	const people = userIds.filter(isUuid);
	const unique = [...new Set(slugs)];
	if (!unique.length) return new Map();
	const ids = `{${people.join(',')}}`;
	const rows = await db
		.select({
			slug: resource.slug,
			shelved: sql<number>`(select count(*)::int from resource_favourite f where f.resource_id = "resource"."id" and f.user_id = any(${ids}::uuid[]))`,
			planned: sql<number>`(select count(distinct p.user_id)::int from resource_plan_step s join resource_plan p on p.id = s.plan_id where s.resource_id = "resource"."id" and p.user_id = any(${ids}::uuid[]))`
		})
		.from(resource)
		.where(inArray(resource.slug, unique));
	return new Map(rows.map((r) => [r.slug, { shelved: Number(r.shelved), planned: Number(r.planned) }]));
}

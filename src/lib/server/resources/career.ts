import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { resource, resourceLink } from '../db/schema/resources.ts';
import { getFramework, type FrameworkNodeView } from '../frameworks/queries.ts';
import { facetCounts, listResources, type FacetCounts, type ResourceFilter, type ResourceListed } from './queries.ts';
import { BUTTONS, CAREER_FRAMEWORK, isButton, SETTINGS, TARGETS, CAREER_KINDS, type CareerKind } from './vocabulary.ts';

// "Your career learning": the five career buttons of the career-learning framework, and for each
// its starters, activities and reflection items, narrowed by learning outcome, setting, target
// group and kind.

export type ButtonSummary = { key: string; title: string; body: string; shownLocale: string; items: number };

/** The five buttons in the framework's order, with how many published items each has. */
export async function careerButtons(db: DbOrTx, locale: AppLocale): Promise<ButtonSummary[]> {
	const framework = await getFramework(db, CAREER_FRAMEWORK, locale);
	const counts = await db
		.select({ key: resourceLink.nodeKey, n: sql<number>`count(*)::int` })
		.from(resourceLink)
		.innerJoin(resource, eq(resource.id, resourceLink.resourceId))
		.where(and(eq(resourceLink.frameworkSlug, CAREER_FRAMEWORK), inArray(resourceLink.nodeKey, [...BUTTONS]), eq(resource.status, 'published')))
		.groupBy(resourceLink.nodeKey);
	const byKey = new Map(counts.map((c) => [c.key, c.n]));
	return (framework?.tree ?? []).filter((n) => isButton(n.key)).map((n) => ({ key: n.key, title: n.title, body: n.body, shownLocale: n.shownLocale, items: byKey.get(n.key) ?? 0 }));
}

export type Outcome = { key: string; code: string | null; title: string; group: string };

export type ButtonPage = {
	key: string;
	title: string;
	body: string;
	shownLocale: string;
	frameworkTitle: string;
	outcomes: Outcome[];
	filter: { outcome?: string; setting?: string; target?: string; kind?: CareerKind };
	byKind: Record<CareerKind, ResourceListed[]>;
	total: number;
	facets: FacetCounts;
};

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined => ((list as readonly string[]).includes(value ?? '') ? (value as T) : undefined);

/** One button's page; undefined for a key that is not a button. */
export async function careerButton(db: DbOrTx, locale: AppLocale, key: string, params: URLSearchParams): Promise<ButtonPage | undefined> {
	if (!isButton(key)) return undefined;
	const framework = await getFramework(db, CAREER_FRAMEWORK, locale);
	const node = framework?.tree.find((n) => n.key === key);
	if (!framework || !node) return undefined;
	const outcomes: Outcome[] = [];
	const walk = (n: FrameworkNodeView, group: string) => {
		if (n.kind === 'outcome') outcomes.push({ key: n.key, code: n.code, title: n.title, group });
		for (const c of n.children) walk(c, n.kind === 'group' ? n.title : group);
	};
	walk(node, node.title);
	const outcome = outcomes.find((o) => o.key === params.get('outcome'))?.key;
	const filter = { outcome, setting: oneOf(SETTINGS, params.get('setting')), target: oneOf(TARGETS, params.get('target')), kind: oneOf(CAREER_KINDS, params.get('kind')) };
	const query: ResourceFilter = { setting: filter.setting, target: filter.target, kind: filter.kind, node: { framework: CAREER_FRAMEWORK, key: outcome ?? key } };
	const [list, facets] = await Promise.all([listResources(db, locale, 'career', query), facetCounts(db, 'career', query)]);
	const byKind = Object.fromEntries(CAREER_KINDS.map((k) => [k, list.items.filter((i) => i.kind === k)])) as Record<CareerKind, ResourceListed[]>;
	return { key, title: node.title, body: node.body, shownLocale: node.shownLocale, frameworkTitle: framework.title, outcomes, filter, byKind, total: list.total, facets };
}

/** Every published career-learning item by button, for a plan's "add a step" list. */
export async function planChoices(db: DbOrTx, locale: AppLocale): Promise<{ slug: string; title: string; kind: string }[]> {
	const out: { slug: string; title: string; kind: string }[] = [];
	for (const button of BUTTONS) {
		const list = await listResources(db, locale, 'career', { node: { framework: CAREER_FRAMEWORK, key: button } });
		for (const item of list.items) out.push({ slug: item.slug, title: item.title, kind: item.kind });
	}
	return out;
}

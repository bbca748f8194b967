import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias, PgTransaction } from 'drizzle-orm/pg-core';
import { BASE_LOCALE, type AppLocale } from '../../i18n/locales.ts';
import { createCache, databaseKey } from '../cache/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { framework, frameworkNode, frameworkNodeTranslation, frameworkVersion, frameworkVersionTranslation } from '../db/schema/frameworks.ts';
import { collator } from '../../i18n/format.ts';

export type FrameworkSummary = {
	slug: string;
	version: string;
	title: string;
	description: string;
	shownLocale: string;
	nodes: number;
};

const wantedV = alias(frameworkVersionTranslation, 'wanted_v');
const baseV = alias(frameworkVersionTranslation, 'base_v');

/** The newest published version of each framework, in the reader's language (or English). */
export async function listFrameworks(db: DbOrTx, locale: AppLocale): Promise<FrameworkSummary[]> {
	const rows = await db
		.selectDistinctOn([framework.slug], {
			slug: framework.slug,
			version: frameworkVersion.version,
			title: sql<string>`coalesce(${wantedV.title}, ${baseV.title})`,
			description: sql<string>`coalesce(${wantedV.description}, ${baseV.description})`,
			shownLocale: sql<string>`case when ${wantedV.title} is null then ${BASE_LOCALE} else ${locale} end`,
			nodes: sql<number>`(select count(*)::int from framework_node n where n.version_id = ${frameworkVersion.id})`
		})
		.from(framework)
		.innerJoin(frameworkVersion, and(eq(frameworkVersion.frameworkId, framework.id), eq(frameworkVersion.status, 'published')))
		.leftJoin(wantedV, and(eq(wantedV.versionId, frameworkVersion.id), eq(wantedV.locale, locale)))
		.leftJoin(baseV, and(eq(baseV.versionId, frameworkVersion.id), eq(baseV.locale, BASE_LOCALE)))
		.orderBy(asc(framework.slug), desc(frameworkVersion.createdAt));
	const byTitle = collator(locale);
	return rows.sort((a, b) => byTitle.compare(a.title, b.title));
}

export type FrameworkNodeView = {
	key: string;
	kind: string;
	code: string | null;
	draft: boolean;
	placeholder: boolean;
	title: string;
	body: string;
	shownLocale: string;
	/** The reader's translation exists but is older than the English source. */
	outdated: boolean;
	children: FrameworkNodeView[];
};

export type FrameworkView = FrameworkSummary & {
	status: string;
	sourceCitation: string;
	sourceUrl: string | null;
	licence: string | null;
	availableLocales: string[];
	tree: FrameworkNodeView[];
};

const wantedN = alias(frameworkNodeTranslation, 'wanted_n');
const baseN = alias(frameworkNodeTranslation, 'base_n');

// Every framework page, practice form, quality round and career-learning page reads a framework
// tree; it changes only when an editor edits a node (which forgets it here at once and, through the
// content channel, on every instance: platform/events) or content is imported.
const views = createCache({ ttlMs: 5 * 60_000, limit: 200 });

/** Forgets the kept framework views (a framework changed). */
export function forgetFrameworks(): void {
	views.clear();
}

/** Freezes a kept view all the way down: a caller that changed it would change it for every reader. */
function frozen<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		for (const inner of Object.values(value)) frozen(inner);
		Object.freeze(value);
	}
	return value;
}

/**
 * A framework version (the published one unless `version` names another) in a language, with its
 * tree of nodes, each in that language or the base one. Kept (frozen) per database for 5 minutes;
 * a transaction reads afresh.
 */
export function getFramework(db: DbOrTx, slug: string, locale: AppLocale, version?: string): Promise<Readonly<FrameworkView> | undefined> {
	if ((db as unknown) instanceof PgTransaction) return readFramework(db, slug, locale, version);
	return views.get(JSON.stringify([databaseKey(db), slug, locale, version ?? null]), async () => frozen(await readFramework(db, slug, locale, version)));
}

/** A framework's newest published version (or a given version) with its whole tree: two queries. */
async function readFramework(db: DbOrTx, slug: string, locale: AppLocale, version?: string): Promise<FrameworkView | undefined> {
	const [meta] = await db
		.select({
			id: frameworkVersion.id,
			slug: framework.slug,
			version: frameworkVersion.version,
			status: frameworkVersion.status,
			sourceCitation: frameworkVersion.sourceCitation,
			sourceUrl: frameworkVersion.sourceUrl,
			licence: frameworkVersion.licence,
			title: sql<string>`coalesce(${wantedV.title}, ${baseV.title})`,
			description: sql<string>`coalesce(${wantedV.description}, ${baseV.description})`,
			shownLocale: sql<string>`case when ${wantedV.title} is null then ${BASE_LOCALE} else ${locale} end`,
			availableLocales: sql<string[]>`array(select t.locale from framework_version_translation t where t.version_id = ${frameworkVersion.id} order by t.locale)`
		})
		.from(framework)
		.innerJoin(frameworkVersion, eq(frameworkVersion.frameworkId, framework.id))
		.leftJoin(wantedV, and(eq(wantedV.versionId, frameworkVersion.id), eq(wantedV.locale, locale)))
		.leftJoin(baseV, and(eq(baseV.versionId, frameworkVersion.id), eq(baseV.locale, BASE_LOCALE)))
		.where(
			and(
				eq(framework.slug, slug),
				version ? eq(frameworkVersion.version, version) : eq(frameworkVersion.status, 'published')
			)
		)
		.orderBy(desc(frameworkVersion.createdAt))
		.limit(1);
	if (!meta) return undefined;
	const rows = await db
		.select({
			id: frameworkNode.id,
			parentId: frameworkNode.parentId,
			key: frameworkNode.key,
			kind: frameworkNode.kind,
			code: frameworkNode.code,
			draft: frameworkNode.draft,
			placeholder: frameworkNode.placeholder,
			title: sql<string>`coalesce(${wantedN.title}, ${baseN.title})`,
			body: sql<string>`coalesce(${wantedN.body}, ${baseN.body})`,
			shownLocale: sql<string>`case when ${wantedN.title} is null then ${BASE_LOCALE} else ${locale} end`,
			outdated: sql<boolean>`coalesce(${wantedN.updatedAt} < ${baseN.updatedAt}, false)`
		})
		.from(frameworkNode)
		.leftJoin(wantedN, and(eq(wantedN.nodeId, frameworkNode.id), eq(wantedN.locale, locale)))
		.leftJoin(baseN, and(eq(baseN.nodeId, frameworkNode.id), eq(baseN.locale, BASE_LOCALE)))
		.where(eq(frameworkNode.versionId, meta.id))
		.orderBy(asc(frameworkNode.parentId), asc(frameworkNode.position));
	const byId = new Map<number, FrameworkNodeView>();
	for (const { id, parentId: _p, ...rest } of rows) byId.set(id, { ...rest, children: [] });
	const tree: FrameworkNodeView[] = [];
	for (const row of rows) (row.parentId ? byId.get(row.parentId)!.children : tree).push(byId.get(row.id)!);
	const { id: _id, ...view } = meta;
	return { ...view, nodes: rows.length, tree };
}

/** A node of a framework with the chain of nodes above it, or undefined. */
export function findNode(tree: FrameworkNodeView[], key: string): { node: FrameworkNodeView; ancestors: FrameworkNodeView[] } | undefined {
	for (const node of tree) {
		if (node.key === key) return { node, ancestors: [] };
		const below = findNode(node.children, key);
		if (below) return { node: below.node, ancestors: [node, ...below.ancestors] };
	}
	return undefined;
}

/** Published versions that are assessment frameworks (they have indicator nodes), in the reader's language. */
export async function assessmentVersions(db: DbOrTx, locale: AppLocale): Promise<{ versionId: number; slug: string; version: string; title: string }[]> {
	const rows = await db
		.select({
			versionId: frameworkVersion.id,
			slug: framework.slug,
			version: frameworkVersion.version,
			title: sql<string>`coalesce(${wantedV.title}, ${baseV.title})`
		})
		.from(frameworkVersion)
		.innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
		.leftJoin(wantedV, and(eq(wantedV.versionId, frameworkVersion.id), eq(wantedV.locale, locale)))
		.leftJoin(baseV, and(eq(baseV.versionId, frameworkVersion.id), eq(baseV.locale, BASE_LOCALE)))
		.where(
			and(
				eq(frameworkVersion.status, 'published'),
				sql`exists (select 1 from framework_node n where n.version_id = ${frameworkVersion.id} and n.kind = 'indicator')`
			)
		)
		.orderBy(asc(framework.slug), desc(frameworkVersion.createdAt));
	const byTitle = collator(locale);
	return rows.sort((a, b) => byTitle.compare(a.title, b.title));
}

/** The framework slug and version label of a version id, or undefined. */
export async function versionRef(db: DbOrTx, versionId: number): Promise<{ slug: string; version: string } | undefined> {
	const [row] = await db
		.select({ slug: framework.slug, version: frameworkVersion.version })
		.from(frameworkVersion)
		.innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
		.where(eq(frameworkVersion.id, versionId));
	return row;
}

/** The id of a framework's version, or undefined. */
export async function frameworkVersionIdOf(db: DbOrTx, slug: string, version: string): Promise<number | undefined> {
	const [row] = await db
		.select({ id: frameworkVersion.id })
		.from(frameworkVersion)
		.innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
		.where(and(eq(framework.slug, slug), eq(frameworkVersion.version, version)));
	return row?.id;
}

import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { BASE_LOCALE, LOCALES, type AppLocale } from '../../i18n/locales.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { framework, frameworkNode, frameworkNodeRevision, frameworkNodeTranslation, frameworkVersion } from '../db/schema/frameworks.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { requestSearchIndex } from '../search/index.ts';
import { forgetFrameworks } from './queries.ts';
import { FRAMEWORK_SEARCH } from './search.ts';

export type TranslationStatus = { locale: AppLocale; translated: number; missing: number; outdated: number };

/**
 * Per framework (newest version) and locale: how many nodes are translated, missing, or older than
 * their English source. One query for all frameworks.
 */
export async function translationOverview(db: DbOrTx, actor: Actor): Promise<Result<{ slug: string; version: string; nodes: number; status: TranslationStatus[] }[]>> {
	if (!can(actor, 'content:edit')) return problem('forbidden');
	const rows = await queryRows<{ slug: string; version: string; locale: string; nodes: number; translated: number; outdated: number }>(
		db,
		sql`with current_version as (
				select distinct on (framework_id) id, framework_id, version from framework_version order by framework_id, created_at desc
			)
			select f.slug, v.version, l.locale, count(n.id)::int as nodes, count(t.node_id)::int as translated,
				count(*) filter (where t.updated_at < src.updated_at)::int as outdated
			from current_version v
			join framework f on f.id = v.framework_id
			join framework_node n on n.version_id = v.id
			cross join (values ${sql.join(
				LOCALES.map((l) => sql`(${l})`),
				sql`, `
			)}) as l(locale)
			left join framework_node_translation t on t.node_id = n.id and t.locale = l.locale
			left join framework_node_translation src on src.node_id = n.id and src.locale = ${BASE_LOCALE}
			group by f.slug, v.version, l.locale
			order by f.slug`
	);
	const bySlug = new Map<string, { slug: string; version: string; nodes: number; status: TranslationStatus[] }>();
	for (const r of rows) {
		const entry = bySlug.get(r.slug) ?? { slug: r.slug, version: r.version, nodes: Number(r.nodes), status: [] };
		entry.status.push({ locale: r.locale as AppLocale, translated: Number(r.translated), missing: Number(r.nodes) - Number(r.translated), outdated: Number(r.outdated) });
		bySlug.set(r.slug, entry);
	}
	for (const entry of bySlug.values()) entry.status.sort((a, b) => LOCALES.indexOf(a.locale) - LOCALES.indexOf(b.locale));
	return ok([...bySlug.values()]);
}

const source = alias(frameworkNodeTranslation, 'source');
const target = alias(frameworkNodeTranslation, 'target');

/** A node of a framework's newest version, side by side: the English source and one locale (editors only). */
export async function nodeForEditing(db: DbOrTx, actor: Actor, slug: string, key: string, locale: AppLocale): Promise<Result<NodeForEditing>> {
	if (!can(actor, 'content:edit')) return problem('forbidden');
	const node = await loadNode(db, slug, key, locale);
	return node ? ok(node) : problem('not_found', { key: 'framework_not_found' });
}

export type NodeForEditing = NonNullable<Awaited<ReturnType<typeof loadNode>>>;

async function loadNode(db: DbOrTx, slug: string, key: string, locale: AppLocale) {
	const [row] = await db
		.select({
			nodeId: frameworkNode.id,
			versionId: frameworkVersion.id,
			version: frameworkVersion.version,
			key: frameworkNode.key,
			code: frameworkNode.code,
			sourceTitle: source.title,
			sourceBody: source.body,
			sourceUpdatedAt: source.updatedAt,
			title: target.title,
			body: target.body,
			updatedAt: target.updatedAt
		})
		.from(frameworkNode)
		.innerJoin(frameworkVersion, eq(frameworkVersion.id, frameworkNode.versionId))
		.innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
		.leftJoin(source, and(eq(source.nodeId, frameworkNode.id), eq(source.locale, BASE_LOCALE)))
		.leftJoin(target, and(eq(target.nodeId, frameworkNode.id), eq(target.locale, locale)))
		.where(and(eq(framework.slug, slug), eq(frameworkNode.key, key)))
		.orderBy(desc(frameworkVersion.createdAt))
		.limit(1);
	if (!row) return undefined;
	const revisions = await db
		.select({
			id: frameworkNodeRevision.id,
			createdAt: frameworkNodeRevision.createdAt,
			editorEmail: user.email,
			editorName: user.displayName,
			previousTitle: frameworkNodeRevision.previousTitle,
			previousBody: frameworkNodeRevision.previousBody,
			title: frameworkNodeRevision.title,
			body: frameworkNodeRevision.body
		})
		.from(frameworkNodeRevision)
		.leftJoin(user, eq(user.id, frameworkNodeRevision.editorId))
		.where(and(eq(frameworkNodeRevision.nodeId, row.nodeId), eq(frameworkNodeRevision.locale, locale)))
		.orderBy(desc(frameworkNodeRevision.createdAt), desc(frameworkNodeRevision.id));
	const outdated = !!row.updatedAt && !!row.sourceUpdatedAt && row.updatedAt < row.sourceUpdatedAt;
	return { ...row, outdated, revisions };
}

/**
 * The nodes of a framework's newest version in reading order, with their state in one locale
 * (editors only; a framework without nodes is not found).
 */
export async function nodesForEditing(db: DbOrTx, actor: Actor, slug: string, locale: AppLocale) {
	if (!can(actor, 'content:edit')) return problem('forbidden');
	const nodes = await db
		.select({
			key: frameworkNode.key,
			code: frameworkNode.code,
			title: source.title,
			translated: sql<boolean>`${target.nodeId} is not null`,
			outdated: sql<boolean>`coalesce(${target.updatedAt} < ${source.updatedAt}, false)`
		})
		.from(frameworkNode)
		.innerJoin(frameworkVersion, eq(frameworkVersion.id, frameworkNode.versionId))
		.innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
		.leftJoin(source, and(eq(source.nodeId, frameworkNode.id), eq(source.locale, BASE_LOCALE)))
		.leftJoin(target, and(eq(target.nodeId, frameworkNode.id), eq(target.locale, locale)))
		.where(
			and(
				eq(framework.slug, slug),
				eq(frameworkVersion.id, sql`(select v.id from framework_version v where v.framework_id = ${framework.id} order by v.created_at desc limit 1)`)
			)
		)
		.orderBy(asc(frameworkNode.id));
	return nodes.length ? ok(nodes) : problem('not_found', { key: 'framework_not_found' });
}

/**
 * An editor's change to one node's wording in one language: saved at once, with a revision that
 * keeps the previous text, and the version marked as edited so the content import keeps it.
 */
export async function editNodeTranslation(
	db: DbOrTx,
	actor: Actor,
	slug: string,
	key: string,
	locale: AppLocale,
	wording: { title: string; body: string }
): Promise<Result> {
	if (!actor || !can(actor, 'content:edit')) return problem('forbidden');
	const current = await loadNode(db, slug, key, locale);
	if (!current) return problem('not_found', { key: 'framework_not_found' });
	await db.transaction(async (tx) => {
		await tx
			.insert(frameworkNodeTranslation)
			.values({ nodeId: current.nodeId, locale, ...wording })
			.onConflictDoUpdate({
				target: [frameworkNodeTranslation.nodeId, frameworkNodeTranslation.locale],
				set: { ...wording, updatedAt: sql`now()` }
			});
		await tx.insert(frameworkNodeRevision).values({
			nodeId: current.nodeId,
			locale,
			previousTitle: current.title,
			previousBody: current.body,
			...wording,
			editorId: actor.id
		});
		await tx.update(frameworkVersion).set({ editedInPlatform: true }).where(eq(frameworkVersion.id, current.versionId));
		await requestSearchIndex(tx, FRAMEWORK_SEARCH.type, slug);
	});
	// This instance shows the change at once; the others when the search-index event reaches them.
	forgetFrameworks();
	return ok();
}

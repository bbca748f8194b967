import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { BASE_LOCALE, type AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { resource, resourceFavourite, resourceLink, resourceTranslation } from '../db/schema/resources.ts';
import { isSlug } from '../forms/index.ts';
import { findNode, getFramework } from '../frameworks/queries.ts';
import { renderMarkdown, type RenderContext } from '../learn/content/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { filesOfResources, resourceFilePath, uploadedMedia, uploadedMediaRule, type ResourceFile } from './files.ts';
import { resourcesBySlug, type ResourceListed } from './queries.ts';
import { requestSearchIndex } from '../search/index.ts';
import { MEDIA_KINDS, type LibraryKind, type ResourceKind } from './vocabulary.ts';

const notFound = () => problem('not_found');

/** How the page renders Markdown: as lessons do (platform links localised, raw HTML escaped). */
export type MarkdownContext = Omit<RenderContext, 'fileUrl'>;

/** A framework node a resource is linked to, with its title in the reader's language. */
export type NodeLink = { framework: string; frameworkTitle: string; key: string; kind: string; title: string };

/** A resource as its page shows it. */
export type ResourceView = {
	slug: string;
	kind: ResourceKind;
	status: string;
	source: string;
	ownWriting: boolean;
	sectors: string[];
	targets: string[];
	settings: string[];
	qualityAreas: string[];
	languages: string[];
	duration: number | null;
	url: string | null;
	publisher: string;
	licence: string;
	year: number | null;
	captions: boolean;
	viewCount: number;
	title: string;
	summary: string;
	html: string;
	/** The language the text is shown in (another than the reader's when theirs is missing). */
	shownLocale: string;
	/** current | outdated, of the translation shown. */
	translationStatus: string;
	/** The languages the platform has this resource's text in. */
	translatedInto: string[];
	links: NodeLink[];
	/** Its uploaded files, each with the address it is read at. */
	files: (ResourceFile & { href: string })[];
	favourite: boolean;
	mine: boolean;
	curate: boolean;
	/** Whether the reader may attach and remove files. */
	attach: boolean;
};

async function loadRow(db: DbOrTx, slug: string, lock = false) {
	if (!isSlug(slug)) return undefined;
	const query = db.select().from(resource).where(eq(resource.slug, slug));
	// Locked while a decision reads its files, so no upload slips in between.
	const [row] = lock ? await query.for('update') : await query;
	return row;
}

/** The node titles of a resource's links, one framework tree per framework linked. */
async function nodeLinks(db: DbOrTx, resourceId: number, locale: AppLocale): Promise<NodeLink[]> {
	const rows = await db.select({ framework: resourceLink.frameworkSlug, key: resourceLink.nodeKey }).from(resourceLink).where(eq(resourceLink.resourceId, resourceId));
	const out: NodeLink[] = [];
	for (const slug of [...new Set(rows.map((r) => r.framework))]) {
		const framework = await getFramework(db, slug, locale);
		if (!framework) continue;
		for (const row of rows.filter((r) => r.framework === slug)) {
			const found = findNode(framework.tree, row.key);
			if (found) out.push({ framework: slug, frameworkTitle: framework.title, key: row.key, kind: found.node.kind, title: found.node.title });
		}
	}
	return out;
}

/**
 * A resource's page: published ones for everyone, a draft for its proposer and editors only
 * (anyone else: not_found). The text is in the reader's language or, when missing, in English (or
 * the language it was proposed in) — `shownLocale` says which, so the page can say so.
 */
export async function getResource(db: DbOrTx, actor: Actor, slug: string, locale: AppLocale, markdown: MarkdownContext): Promise<Result<ResourceView>> {
	const row = await loadRow(db, slug);
	if (!row) return notFound();
	if (row.status !== 'published' && !(actor && can(actor, 'resource:view', row))) return notFound();
	const translations = await db.select().from(resourceTranslation).where(eq(resourceTranslation.resourceId, row.id)).orderBy(asc(resourceTranslation.locale));
	const shown = translations.find((t) => t.locale === locale) ?? translations.find((t) => t.locale === BASE_LOCALE) ?? translations[0];
	if (!shown) return notFound();
	const [favourite] = actor
		? await db.select({ id: resourceFavourite.resourceId }).from(resourceFavourite).where(and(eq(resourceFavourite.userId, actor.id), eq(resourceFavourite.resourceId, row.id)))
		: [];
	return ok({
		slug: row.slug,
		kind: row.kind as ResourceKind,
		status: row.status,
		source: row.source,
		ownWriting: row.ownWriting,
		sectors: row.sectors,
		targets: row.targets,
		settings: row.settings,
		qualityAreas: row.qualityAreas,
		languages: row.languages,
		duration: row.duration,
		url: row.url,
		publisher: row.publisher,
		licence: row.licence,
		year: row.year,
		captions: row.captions,
		viewCount: row.viewCount,
		title: shown.title,
		summary: shown.summary,
		html: renderMarkdown(shown.body, { ...markdown, fileUrl: () => null }),
		shownLocale: shown.locale,
		translationStatus: shown.status,
		translatedInto: translations.map((t) => t.locale),
		links: await nodeLinks(db, row.id, locale),
		files: ((await filesOfResources(db, [row.id])).get(row.id) ?? []).map((f) => ({ ...f, href: resourceFilePath(row.slug, f.id) })),
		favourite: !!favourite,
		mine: !!actor && row.authorId === actor.id,
		curate: !!actor && can(actor, 'resource:curate'),
		attach: !!actor && can(actor, 'resource:attach', row)
	});
}

/** Counts one view of a published resource's page. */
export async function countView(db: DbOrTx, slug: string): Promise<void> {
	if (!isSlug(slug)) return;
	await db.update(resource).set({ viewCount: sql`${resource.viewCount} + 1` }).where(and(eq(resource.slug, slug), eq(resource.status, 'published')));
}

/** Puts a published resource on the actor's shelf, or takes it off. */
export async function setFavourite(db: DbOrTx, actor: Actor, slug: string, on: boolean): Promise<Result> {
	if (!actor || !can(actor, 'resource:favourite')) return problem('forbidden');
	const row = await loadRow(db, slug);
	if (!row || !can(actor, 'resource:view', row)) return notFound();
	if (on) await db.insert(resourceFavourite).values({ userId: actor.id, resourceId: row.id }).onConflictDoNothing();
	else await db.delete(resourceFavourite).where(and(eq(resourceFavourite.userId, actor.id), eq(resourceFavourite.resourceId, row.id)));
	return ok();
}

/** The actor's shelf, newest first. */
export async function myShelf(db: DbOrTx, actor: Actor, locale: AppLocale): Promise<Result<ResourceListed[]>> {
	if (!actor || !can(actor, 'resource:favourite')) return problem('forbidden');
	const rows = await db
		.select({ slug: resource.slug })
		.from(resourceFavourite)
		.innerJoin(resource, eq(resource.id, resourceFavourite.resourceId))
		.where(and(eq(resourceFavourite.userId, actor.id), eq(resource.status, 'published')))
		.orderBy(desc(resourceFavourite.createdAt));
	const items = await resourcesBySlug(db, locale, rows.map((r) => r.slug));
	const order = rows.map((r) => r.slug);
	return ok(items.sort((a, b) => order.indexOf(a.slug) - order.indexOf(b.slug)));
}

export type ProposalInput = {
	title: string;
	summary: string;
	body: string;
	kind: LibraryKind;
	url: string | null;
	publisher: string;
	licence: string;
	sectors: string[];
	languages: string[];
};

function slugFrom(title: string): string {
	const base = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return `${base || 'resource'}-${randomBytes(3).toString('hex')}`;
}

/** A member proposes a resource: a draft in the editors' queue, written in the proposer's language. */
export async function proposeResource(db: DbOrTx, actor: Actor, input: ProposalInput, locale: AppLocale): Promise<Result<{ slug: string }>> {
	if (!actor || !can(actor, 'resource:propose')) return problem('forbidden');
	const slug = slugFrom(input.title);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(resource)
			.values({ slug, kind: input.kind, status: 'draft', source: 'member', url: input.url, publisher: input.publisher, licence: input.licence, sectors: input.sectors, languages: input.languages, authorId: actor.id })
			.returning({ id: resource.id });
		await tx.insert(resourceTranslation).values({ resourceId: row!.id, locale, title: input.title, summary: input.summary, body: input.body });
		return ok({ slug });
	});
}

export type Proposal = { slug: string; kind: string; title: string; summary: string; url: string | null; licence: string; publisher: string; locale: string; createdAt: Date; mine: boolean };

/** Proposals waiting for an editor (editors), or the actor's own proposals with their status. */
export async function listProposals(db: DbOrTx, actor: Actor, which: 'queue' | 'mine'): Promise<Result<(Proposal & { status: string })[]>> {
	if (!actor) return problem('forbidden');
	if (which === 'queue' && !can(actor, 'resource:curate')) return notFound();
	const rows = await db
		.select({
			slug: resource.slug,
			kind: resource.kind,
			status: resource.status,
			url: resource.url,
			licence: resource.licence,
			publisher: resource.publisher,
			createdAt: resource.createdAt,
			authorId: resource.authorId,
			title: sql<string>`(select t.title from resource_translation t where t.resource_id = ${resource.id} order by t.locale limit 1)`,
			summary: sql<string>`(select t.summary from resource_translation t where t.resource_id = ${resource.id} order by t.locale limit 1)`,
			locale: sql<string>`(select t.locale from resource_translation t where t.resource_id = ${resource.id} order by t.locale limit 1)`
		})
		.from(resource)
		.where(which === 'queue' ? and(eq(resource.source, 'member'), eq(resource.status, 'draft')) : and(eq(resource.source, 'member'), eq(resource.authorId, actor.id)))
		.orderBy(desc(resource.createdAt));
	return ok(rows.map(({ authorId, ...r }) => ({ ...r, mine: authorId === actor.id })));
}

/**
 * An editor publishes or rejects a proposal. A film or podcast is published only with captions or a
 * transcript: uploaded with its uploaded media, else confirmed (`captions`) for media linked
 * elsewhere. Without, the editor is told so and it stays a draft.
 */
export async function decideProposal(db: DbOrTx, actor: Actor, slug: string, decision: 'publish' | 'reject', captions = false): Promise<Result> {
	if (!actor || !can(actor, 'resource:curate')) return notFound();
	return db.transaction(async (tx) => {
		const row = await loadRow(tx, slug, true);
		if (!row || row.status !== 'draft') return notFound();
		if (decision === 'reject') {
			await tx.update(resource).set({ status: 'rejected', updatedAt: sql`now()` }).where(eq(resource.id, row.id));
			return ok();
		}
		const uploaded = uploadedMedia((await filesOfResources(tx, [row.id])).get(row.id) ?? []);
		const hasCaptions = uploaded.media ? uploaded.captions : row.captions || captions || uploaded.captions;
		const check = uploaded.media ? uploadedMediaRule(row.kind, uploaded) : mediaRule(row.kind, hasCaptions);
		if (!check.ok) return check;
		await tx.update(resource).set({ status: 'published', captions: hasCaptions, publishedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(resource.id, row.id));
		await requestSearchIndex(tx, 'resource', row.slug);
		return ok();
	});
}

/** The media rule: a film or podcast cannot be published without captions or a transcript. */
export function mediaRule(kind: string, captions: boolean): Result {
	if ((MEDIA_KINDS as readonly string[]).includes(kind) && !captions) return problem('invalid', { field: 'captions', key: 'resources_error_captions' });
	return ok();
}

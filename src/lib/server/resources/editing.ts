// Editors edit a resource's text language by language, as lessons are edited: every save keeps a
// revision (the text before and after, who, when), any revision can be restored (which is itself a
// save, so nothing is lost), and each language has a translation status — missing, current, or
// outdated once the English source changed after it.
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { BASE_LOCALE, LOCALES, type AppLocale } from '../../i18n/locales.ts';
import { revisionView, wordDiff, type DiffPart, type RevisionView } from '../content/revisions.ts';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { resource, resourceRevision, resourceTranslation } from '../db/schema/resources.ts';
import { isSlug } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { requestSearchIndex } from '../search/index.ts';
import type { ResourceKind } from './vocabulary.ts';

export type ResourceText = { title: string; summary: string; body: string };
export type TranslationState = 'missing' | 'current' | 'outdated';

/** A stored revision as the editor's history shows it: word diffs, and the whole text it saved. */
export type ResourceRevision = RevisionView & { summary: DiffPart[]; saved: ResourceText };

export type ResourceForEditing = {
	slug: string;
	kind: ResourceKind;
	status: string;
	/** Each platform language's translation status. */
	translations: { locale: AppLocale; state: TranslationState }[];
	/** The English source, shown beside a translation. */
	source: ResourceText | null;
	/** The text in the language being edited (null: not translated yet). */
	text: ResourceText | null;
	/** That language's revisions, newest first. */
	revisions: ResourceRevision[];
};

async function resourceRow(db: DbOrTx, slug: string) {
	if (!isSlug(slug)) return undefined;
	const [row] = await db.select({ id: resource.id, slug: resource.slug, kind: resource.kind, status: resource.status }).from(resource).where(eq(resource.slug, slug));
	return row;
}

/** A resource's text in one language for an editor, with every language's status and that language's revisions. */
export async function resourceForEditing(db: DbOrTx, actor: Actor, slug: string, locale: AppLocale): Promise<Result<ResourceForEditing>> {
	if (!actor || !can(actor, 'resource:curate')) return problem('not_found');
	const row = await resourceRow(db, slug);
	if (!row) return problem('not_found');
	const translations = await db
		.select({ locale: resourceTranslation.locale, title: resourceTranslation.title, summary: resourceTranslation.summary, body: resourceTranslation.body, status: resourceTranslation.status })
		.from(resourceTranslation)
		.where(eq(resourceTranslation.resourceId, row.id));
	const text = (l: string) => {
		const t = translations.find((x) => x.locale === l);
		return t ? { title: t.title, summary: t.summary, body: t.body } : null;
	};
	const revisions = await db
		.select({
			id: resourceRevision.id,
			createdAt: resourceRevision.createdAt,
			editorName: user.displayName,
			previousTitle: resourceRevision.previousTitle,
			previousSummary: resourceRevision.previousSummary,
			previousBody: resourceRevision.previousBody,
			title: resourceRevision.title,
			summary: resourceRevision.summary,
			body: resourceRevision.body
		})
		.from(resourceRevision)
		.leftJoin(user, eq(user.id, resourceRevision.editorId))
		.where(and(eq(resourceRevision.resourceId, row.id), eq(resourceRevision.locale, locale)))
		.orderBy(desc(resourceRevision.createdAt), desc(resourceRevision.id));
	return ok({
		slug: row.slug,
		kind: row.kind as ResourceKind,
		status: row.status,
		translations: LOCALES.map((l) => {
			const t = translations.find((x) => x.locale === l);
			return { locale: l, state: !t ? 'missing' : t.status === 'outdated' ? 'outdated' : 'current' };
		}),
		source: text(BASE_LOCALE),
		text: text(locale),
		revisions: revisions.map((r) => ({ ...revisionView(r), summary: wordDiff(r.previousSummary, r.summary), saved: { title: r.title, summary: r.summary, body: r.body } }))
	});
}

/** Saves a text in one language, with its revision; the one write both saving and restoring use. */
async function writeText(tx: DbOrTx, resourceId: number, slug: string, published: boolean, locale: AppLocale, text: ResourceText, editorId: string): Promise<void> {
	const [previous] = await tx
		.select({ title: resourceTranslation.title, summary: resourceTranslation.summary, body: resourceTranslation.body })
		.from(resourceTranslation)
		.where(and(eq(resourceTranslation.resourceId, resourceId), eq(resourceTranslation.locale, locale)));
	await tx
		.insert(resourceTranslation)
		.values({ resourceId, locale, ...text, status: 'current' })
		.onConflictDoUpdate({ target: [resourceTranslation.resourceId, resourceTranslation.locale], set: { ...text, status: 'current', updatedAt: sql`now()` } });
	// A changed English source leaves the other languages behind until they are looked at again.
	const changed = !previous || previous.title !== text.title || previous.summary !== text.summary || previous.body !== text.body;
	if (locale === BASE_LOCALE && changed) {
		await tx
			.update(resourceTranslation)
			.set({ status: 'outdated' })
			.where(and(eq(resourceTranslation.resourceId, resourceId), ne(resourceTranslation.locale, BASE_LOCALE)));
	}
	await tx.insert(resourceRevision).values({
		resourceId,
		locale,
		previousTitle: previous?.title ?? null,
		previousSummary: previous?.summary ?? null,
		previousBody: previous?.body ?? null,
		...text,
		editorId
	});
	// The content import leaves a resource edited here alone.
	await tx.update(resource).set({ editedInPlatform: true, updatedAt: sql`now()` }).where(eq(resource.id, resourceId));
	if (published) await requestSearchIndex(tx, 'resource', slug);
}

/**
 * An editor's text of a resource in one language, live at once, with a revision that keeps the
 * text before. Saving the English text marks the other languages outdated; saving another marks it current.
 */
export async function saveResourceText(db: DbOrTx, actor: Actor, slug: string, locale: AppLocale, text: ResourceText): Promise<Result> {
	if (!actor || !can(actor, 'resource:curate')) return problem('not_found');
	return db.transaction(async (tx) => {
		const row = await resourceRow(tx, slug);
		if (!row) return problem('not_found');
		await writeText(tx, row.id, row.slug, row.status === 'published', locale, text, actor.id);
		return ok();
	});
}

/** Puts back the text a revision saved, as a new save (so the text it replaces is kept as a revision too). */
export async function restoreResourceRevision(db: DbOrTx, actor: Actor, slug: string, revisionId: number): Promise<Result<{ locale: AppLocale }>> {
	if (!actor || !can(actor, 'resource:curate')) return problem('not_found');
	return db.transaction(async (tx) => {
		const row = await resourceRow(tx, slug);
		if (!row) return problem('not_found');
		const [revision] = await tx
			.select()
			.from(resourceRevision)
			.where(and(eq(resourceRevision.id, revisionId), eq(resourceRevision.resourceId, row.id)));
		if (!revision) return problem('not_found');
		const locale = revision.locale as AppLocale;
		await writeText(tx, row.id, row.slug, row.status === 'published', locale, { title: revision.title, summary: revision.summary, body: revision.body }, actor.id);
		return ok({ locale });
	});
}

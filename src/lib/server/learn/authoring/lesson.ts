import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { parse } from 'yaml';
import { BASE_LOCALE, type AppLocale } from '../../../i18n/locales.ts';
import type { DbOrTx } from '../../db/client.ts';
import { user } from '../../db/schema/accounts.ts';
import { course, courseModule, courseModuleTranslation, lesson, lessonFile, lessonRevision, lessonTextDraft, lessonTranslation } from '../../db/schema/learn.ts';
import type { Actor } from '../../policies/index.ts';
import { ContentError } from '../../content/errors.ts';
import { done, forbidden, markEdited, mayAuthor, notFound, reasonOf, refuse, type Problem } from './common.ts';
import type { Result } from '../../result/index.ts';
import { fileProblem } from './files.ts';
import { activitiesYaml } from './format.ts';
import type { LessonSettingsInput, LessonTextInput } from './forms.ts';
import { lessonTranslationFile, type ActivityStructure, type LessonTranslationFile } from '../content/index.ts';
import { checkActivityTexts } from '../content/index.ts';
import { imageUrls, lessonRenderContext } from '../catalogue/index.ts';
import { loadLinkTargets } from '../content/index.ts';
import { markdownRefs, renderMarkdown } from '../content/index.ts';

/**
 * Renders a lesson body exactly as the learner page does (the same renderer, links in the lesson's
 * language, the lesson's own images), for the editor's preview. Nothing is saved.
 */
export function renderLessonPreview(body: string, locale: AppLocale, files: { name: string; mime: string; sha256: string }[]): string {
	return renderMarkdown(body, { ...lessonRenderContext(locale), fileUrl: imageUrls(files) });
}

async function lessonRow(db: DbOrTx, slug: string, lessonKey: string) {
	const [row] = await db
		.select({ lesson, courseId: course.id, courseSlug: course.slug, moduleKey: courseModule.key, moduleId: courseModule.id })
		.from(lesson)
		.innerJoin(course, eq(course.id, lesson.courseId))
		.innerJoin(courseModule, eq(courseModule.id, lesson.moduleId))
		.where(and(eq(course.slug, slug), eq(lesson.key, lessonKey)));
	return row;
}

async function filesOf(db: DbOrTx, lessonId: number) {
	return db
		.select({ name: lessonFile.name, mime: lessonFile.mime, size: lessonFile.size, sha256: lessonFile.sha256 })
		.from(lessonFile)
		.where(eq(lessonFile.lessonId, lessonId))
		.orderBy(asc(lessonFile.name));
}

/**
 * A lesson for the lesson editor: its settings, its text in English (the source) and in `locale`,
 * its files, the revision history of that language, newest first, and the actor's own unsaved draft
 * (editors only).
 */
export async function lessonForEditing(db: DbOrTx, actor: Actor, slug: string, lessonKey: string, locale: AppLocale): Promise<Result<LessonForEditing>> {
	if (!actor || !mayAuthor(actor)) return forbidden();
	const found = await loadLesson(db, slug, lessonKey, locale, actor.id);
	return found ? done(found) : notFound();
}

async function loadLesson(db: DbOrTx, slug: string, lessonKey: string, locale: AppLocale, editorId: string) {
	const row = await lessonRow(db, slug, lessonKey);
	if (!row) return undefined;
	const l = row.lesson;
	const translations = await db.select().from(lessonTranslation).where(eq(lessonTranslation.lessonId, l.id));
	const source = translations.find((t) => t.locale === BASE_LOCALE);
	const target = translations.find((t) => t.locale === locale);
	const [draft] = await db
		.select({ fields: lessonTextDraft.fields, updatedAt: lessonTextDraft.updatedAt })
		.from(lessonTextDraft)
		.where(and(eq(lessonTextDraft.lessonId, l.id), eq(lessonTextDraft.locale, locale), eq(lessonTextDraft.editorId, editorId)));
	const [names] = await db
		.select({
			course: sql<string | null>`(select t.title from course_translation t where t.course_id = ${row.courseId} and t.locale = ${BASE_LOCALE})`,
			module: courseModuleTranslation.title
		})
		.from(courseModuleTranslation)
		.where(and(eq(courseModuleTranslation.moduleId, row.moduleId), eq(courseModuleTranslation.locale, BASE_LOCALE)));
	const revisions = await db
		.select({
			id: lessonRevision.id,
			createdAt: lessonRevision.createdAt,
			editorName: user.displayName,
			previousTitle: lessonRevision.previousTitle,
			previousBody: lessonRevision.previousBody,
			title: lessonRevision.title,
			body: lessonRevision.body
		})
		.from(lessonRevision)
		.leftJoin(user, eq(user.id, lessonRevision.editorId))
		.where(and(eq(lessonRevision.lessonId, l.id), eq(lessonRevision.locale, locale)))
		.orderBy(desc(lessonRevision.createdAt), desc(lessonRevision.id));
	const files = await filesOf(db, l.id);
	// A language without a text yet starts from the English activity texts: the keys must stay.
	const activityTexts = target?.activities ?? source?.activities ?? {};
	return {
		id: l.id,
		key: l.key,
		courseSlug: row.courseSlug,
		courseTitle: names?.course ?? row.courseSlug,
		moduleKey: row.moduleKey,
		moduleTitle: names?.module ?? row.moduleKey,
		status: l.status,
		minutes: l.minutes,
		completion: l.completion,
		media: l.media,
		activityKinds: l.activities.map((a) => a.kind),
		source: source && { title: source.title, summary: source.summary, body: source.body, narration: source.narration, activities: activitiesYaml(l.activities, source.activities) },
		target: target && { title: target.title, summary: target.summary, body: target.body, narration: target.narration },
		activities: activitiesYaml(l.activities, activityTexts),
		outdated: !!source && !!target && locale !== BASE_LOCALE && target.updatedAt < source.updatedAt,
		// This editor's unsaved text, when it is newer than the saved one.
		draft: draft && (!target || draft.updatedAt > target.updatedAt) ? draft : null,
		files,
		revisions
	};
}

/** The fields of the lesson text form, kept as typed (drafts are not checked: they are unfinished). */
export type LessonDraftFields = Partial<Record<'title' | 'summary' | 'body' | 'narration' | 'activities', string>>;

/** Keeps what an editor has typed so far in one language of a lesson. */
export async function saveLessonDraft(db: DbOrTx, actor: Actor, slug: string, lessonKey: string, locale: AppLocale, fields: LessonDraftFields): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const row = await lessonRow(db, slug, lessonKey);
	if (!row) return notFound();
	await db
		.insert(lessonTextDraft)
		.values({ lessonId: row.lesson.id, locale, editorId: actor!.id, fields })
		.onConflictDoUpdate({ target: [lessonTextDraft.lessonId, lessonTextDraft.locale, lessonTextDraft.editorId], set: { fields, updatedAt: sql`now()` } });
	return done(null);
}

/** Throws away an editor's unsaved text of a lesson in one language. */
export async function discardLessonDraft(db: DbOrTx, actor: Actor, slug: string, lessonKey: string, locale: AppLocale): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const row = await lessonRow(db, slug, lessonKey);
	if (!row) return notFound();
	await db
		.delete(lessonTextDraft)
		.where(and(eq(lessonTextDraft.lessonId, row.lesson.id), eq(lessonTextDraft.locale, locale), eq(lessonTextDraft.editorId, actor!.id)));
	return done(null);
}
export type LessonForEditing = NonNullable<Awaited<ReturnType<typeof loadLesson>>>;

/** The first problem of a lesson text, checked with the same rules as the content files. */
async function checkLessonText(
	db: DbOrTx,
	l: { media: string | null; activities: ActivityStructure[] },
	locale: AppLocale,
	input: LessonTextInput,
	fileNames: string[]
): Promise<Result<LessonTranslationFile>> {
	let activities: unknown = {};
	if (input.activities.trim()) {
		try {
			activities = parse(input.activities);
		} catch (error) {
			return refuse('invalid', 'activities', 'author_error_yaml', { reason: (error as Error).message.split('\n')[0]! });
		}
	}
	const parsed = lessonTranslationFile.safeParse({ title: input.title, summary: input.summary, narration: input.narration, activities: activities ?? {} });
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const field = String(issue.path[0] ?? 'activities');
		return refuse('invalid', ['title', 'summary', 'narration'].includes(field) ? field : 'activities', 'author_error_content', {
			field: issue.path.map(String).join('.') || field,
			reason: issue.message
		});
	}
	try {
		checkActivityTexts(`${locale}.md`, l.activities, parsed.data.activities);
	} catch (error) {
		if (!(error instanceof ContentError)) throw error;
		return refuse('invalid', 'activities', 'author_error_content', { field: error.field, reason: reasonOf(error) });
	}
	const problem = fileProblem(locale, l.media, input.body, parsed.data.narration, fileNames);
	if (problem) return { ok: false, problem };
	const refs = markdownRefs(input.body);
	if (refs.glossary.length || refs.framework.length) {
		const targets = await loadLinkTargets(db);
		const badTerm = refs.glossary.find((slug) => !targets.glossary.has(slug));
		if (badTerm) return refuse('invalid', 'body', 'author_error_link', { target: `glossary:${badTerm}` });
		const badNode = refs.framework.find(({ slug, key }) => !(key ? targets.nodes.has(`${slug}/${key}`) : targets.frameworks.has(slug)));
		if (badNode) return refuse('invalid', 'body', 'author_error_link', { target: `framework:${badNode.slug}${badNode.key ? `/${badNode.key}` : ''}` });
	}
	return done(parsed.data);
}

/** Checks a lesson text and renders its body for the preview, saving nothing. */
export async function previewLessonText(db: DbOrTx, actor: Actor, slug: string, lessonKey: string, locale: AppLocale, input: LessonTextInput): Promise<Result<{ title: string; html: string }>> {
	if (!mayAuthor(actor)) return forbidden();
	const row = await lessonRow(db, slug, lessonKey);
	if (!row) return notFound();
	const files = await filesOf(db, row.lesson.id);
	const checked = await checkLessonText(db, row.lesson, locale, input, files.map((f) => f.name));
	if (!checked.ok) return checked;
	return done({ title: checked.value.title, html: renderLessonPreview(input.body, locale, files) });
}

/**
 * An editor's text of a lesson in one language, live at once: checked like a content file, saved
 * with a revision that keeps the previous title and body, and the course marked as edited in the
 * platform so the content import keeps it.
 */
export async function saveLessonText(db: DbOrTx, actor: Actor, slug: string, lessonKey: string, locale: AppLocale, input: LessonTextInput): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const row = await lessonRow(db, slug, lessonKey);
	if (!row) return notFound();
	const files = await filesOf(db, row.lesson.id);
	const checked = await checkLessonText(db, row.lesson, locale, input, files.map((f) => f.name));
	if (!checked.ok) return checked;
	const meta = checked.value;
	const text = { title: meta.title, summary: meta.summary, body: input.body, narration: meta.narration, activities: meta.activities };
	await db.transaction(async (tx) => {
		const [previous] = await tx
			.select({ title: lessonTranslation.title, body: lessonTranslation.body })
			.from(lessonTranslation)
			.where(and(eq(lessonTranslation.lessonId, row.lesson.id), eq(lessonTranslation.locale, locale)));
		await tx
			.insert(lessonTranslation)
			.values({ lessonId: row.lesson.id, locale, ...text })
			.onConflictDoUpdate({ target: [lessonTranslation.lessonId, lessonTranslation.locale], set: { ...text, updatedAt: sql`now()` } });
		await tx.insert(lessonRevision).values({
			lessonId: row.lesson.id,
			locale,
			previousTitle: previous?.title ?? null,
			previousBody: previous?.body ?? null,
			title: text.title,
			body: text.body,
			editorId: actor!.id
		});
		await tx
			.delete(lessonTextDraft)
			.where(and(eq(lessonTextDraft.lessonId, row.lesson.id), eq(lessonTextDraft.locale, locale), eq(lessonTextDraft.editorId, actor!.id)));
		await markEdited(tx, row.courseId);
	});
	return done(null);
}

/** A lesson's minutes, completion rule and publication. */
export async function updateLessonSettings(db: DbOrTx, actor: Actor, slug: string, lessonKey: string, input: LessonSettingsInput): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const row = await lessonRow(db, slug, lessonKey);
	if (!row) return notFound();
	const activities = row.lesson.activities;
	if (input.completion === 'quiz' && !activities.some((a) => a.kind === 'quiz')) return refuse('invalid', 'completion', 'author_error_completion_quiz');
	if (input.completion === 'activity' && !activities.length) return refuse('invalid', 'completion', 'author_error_completion_activity');
	await db.transaction(async (tx) => {
		await tx.update(lesson).set(input).where(eq(lesson.id, row.lesson.id));
		await markEdited(tx, row.courseId);
	});
	return done(null);
}

import { and, asc, eq, max, sql } from 'drizzle-orm';
import { BASE_LOCALE, type AppLocale } from '../../../i18n/locales.ts';
import type { DbOrTx } from '../../db/client.ts';
import { course, courseModule, courseModuleTranslation, courseTranslation, lesson, lessonTranslation } from '../../db/schema/learn.ts';
import type { Actor } from '../../policies/index.ts';
import { unknownCompetenceArea } from './courses.ts';
import { courseIdOf, done, forbidden, markEdited, mayAuthor, notFound, refuse } from './common.ts';
import { ok, type Result } from '../../result/index.ts';
import type { AboutInput, ModuleSettingsInput, NewLessonInput, NewModuleInput } from './forms.ts';

// The order and the publication of a course's modules and lessons, and their settings.

type Direction = 'up' | 'down';
type Status = 'draft' | 'published';

/** Swaps the positions of two rows of a list in reading order: the item and its neighbour. */
function neighbour<T extends { id: number }>(list: T[], id: number, direction: Direction): [T, T] | null | undefined {
	const index = list.findIndex((item) => item.id === id);
	if (index < 0) return undefined;
	const other = list[direction === 'up' ? index - 1 : index + 1];
	return other ? [list[index]!, other] : null;
}

/** Moves a module one place up or down in its course (a swap of positions, in one transaction). */
export async function moveModule(db: DbOrTx, actor: Actor, slug: string, moduleId: number, direction: Direction): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const courseId = await courseIdOf(db, slug);
	if (!courseId) return notFound();
	return db.transaction(async (tx) => {
		const modules = await tx
			.select({ id: courseModule.id, position: courseModule.position })
			.from(courseModule)
			.where(eq(courseModule.courseId, courseId))
			.orderBy(asc(courseModule.position), asc(courseModule.id));
		const pair = neighbour(modules, moduleId, direction);
		if (pair === undefined) return notFound();
		if (pair === null) return done(null);
		const [a, b] = pair;
		// Positions may repeat after an import: fall back to the indexes to keep the swap a swap.
		const [pa, pb] = a.position === b.position ? [modules.indexOf(a), modules.indexOf(b)] : [a.position, b.position];
		await tx.update(courseModule).set({ position: pb }).where(eq(courseModule.id, a.id));
		await tx.update(courseModule).set({ position: pa }).where(eq(courseModule.id, b.id));
		await markEdited(tx, courseId);
		return done(null);
	});
}

/** Moves a lesson one place up or down within its module. */
export async function moveLesson(db: DbOrTx, actor: Actor, slug: string, lessonId: number, direction: Direction): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const courseId = await courseIdOf(db, slug);
	if (!courseId) return notFound();
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ moduleId: lesson.moduleId })
			.from(lesson)
			.where(and(eq(lesson.id, lessonId), eq(lesson.courseId, courseId)));
		if (!row) return notFound();
		const lessons = await tx
			.select({ id: lesson.id, position: lesson.position })
			.from(lesson)
			.where(eq(lesson.moduleId, row.moduleId))
			.orderBy(asc(lesson.position), asc(lesson.id));
		const pair = neighbour(lessons, lessonId, direction);
		if (!pair) return done(null);
		const [a, b] = pair;
		const [pa, pb] = a.position === b.position ? [lessons.indexOf(a), lessons.indexOf(b)] : [a.position, b.position];
		await tx.update(lesson).set({ position: pb }).where(eq(lesson.id, a.id));
		await tx.update(lesson).set({ position: pa }).where(eq(lesson.id, b.id));
		await markEdited(tx, courseId);
		return done(null);
	});
}

/** Publishes or unpublishes one module of a course. */
export async function setModuleStatus(db: DbOrTx, actor: Actor, slug: string, moduleId: number, status: Status): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const courseId = await courseIdOf(db, slug);
	if (!courseId) return notFound();
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(courseModule)
			.set({ status })
			.where(and(eq(courseModule.id, moduleId), eq(courseModule.courseId, courseId)))
			.returning({ id: courseModule.id });
		if (!rows.length) return notFound();
		await markEdited(tx, courseId);
		return done(null);
	});
}

/** Publishes or unpublishes one lesson: an unpublished lesson is gone for learners (404). */
export async function setLessonStatus(db: DbOrTx, actor: Actor, slug: string, lessonId: number, status: Status): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const courseId = await courseIdOf(db, slug);
	if (!courseId) return notFound();
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(lesson)
			.set({ status })
			.where(and(eq(lesson.id, lessonId), eq(lesson.courseId, courseId)))
			.returning({ id: lesson.id });
		if (!rows.length) return notFound();
		await markEdited(tx, courseId);
		return done(null);
	});
}

async function lessonKeyTaken(db: DbOrTx, courseId: number, key: string): Promise<boolean> {
	const [row] = await db.select({ id: lesson.id }).from(lesson).where(and(eq(lesson.courseId, courseId), eq(lesson.key, key)));
	return !!row;
}

/**
 * Adds a module at the end of a course, as a draft, with its first lesson (a module needs one).
 * Who it is for, why and its outcomes start as the course's, to be rewritten on the module page.
 */
export async function addModule(db: DbOrTx, actor: Actor, slug: string, input: NewModuleInput): Promise<Result<{ key: string }>> {
	if (!mayAuthor(actor)) return forbidden();
	const [c] = await db.select().from(course).where(eq(course.slug, slug));
	if (!c) return notFound();
	const [taken] = await db
		.select({ id: courseModule.id })
		.from(courseModule)
		.where(and(eq(courseModule.courseId, c.id), eq(courseModule.key, input.key)));
	if (taken) return refuse('conflict', 'key', 'author_error_key_taken');
	if (await lessonKeyTaken(db, c.id, input.lessonKey)) return refuse('conflict', 'lessonKey', 'author_error_key_taken');
	const [courseText] = await db
		.select()
		.from(courseTranslation)
		.where(and(eq(courseTranslation.courseId, c.id), eq(courseTranslation.locale, BASE_LOCALE)));
	if (!courseText) return notFound();
	await db.transaction(async (tx) => {
		const [last] = await tx.select({ position: max(courseModule.position) }).from(courseModule).where(eq(courseModule.courseId, c.id));
		const [mod] = await tx
			.insert(courseModule)
			.values({
				courseId: c.id,
				key: input.key,
				position: (last?.position ?? -1) + 1,
				status: 'draft',
				pathway: c.pathway,
				level: c.level,
				hours: input.hours
			})
			.returning({ id: courseModule.id });
		await tx.insert(courseModuleTranslation).values({
			moduleId: mod!.id,
			locale: BASE_LOCALE,
			title: input.title,
			summary: input.summary,
			audience: courseText.audience,
			why: courseText.why,
			outcomes: courseText.outcomes
		});
		const [les] = await tx
			.insert(lesson)
			.values({ courseId: c.id, moduleId: mod!.id, key: input.lessonKey, position: 0, status: 'published', minutes: 10, completion: 'viewed' })
			.returning({ id: lesson.id });
		await tx.insert(lessonTranslation).values({ lessonId: les!.id, locale: BASE_LOCALE, title: input.lessonTitle, body: '' });
		await markEdited(tx, c.id);
	});
	return done({ key: input.key });
}

/** Adds a lesson at the end of a module, as a draft (learners see it once it is published). */
export async function addLesson(db: DbOrTx, actor: Actor, slug: string, moduleKey: string, input: NewLessonInput): Promise<Result<{ key: string }>> {
	if (!mayAuthor(actor)) return forbidden();
	const found = await moduleRow(db, slug, moduleKey);
	if (!found) return notFound();
	if (await lessonKeyTaken(db, found.courseId, input.key)) return refuse('conflict', 'key', 'author_error_key_taken');
	await db.transaction(async (tx) => {
		const [last] = await tx.select({ position: max(lesson.position) }).from(lesson).where(eq(lesson.moduleId, found.id));
		const [les] = await tx
			.insert(lesson)
			.values({
				courseId: found.courseId,
				moduleId: found.id,
				key: input.key,
				position: (last?.position ?? -1) + 1,
				status: 'draft',
				minutes: input.minutes,
				completion: 'viewed'
			})
			.returning({ id: lesson.id });
		await tx.insert(lessonTranslation).values({ lessonId: les!.id, locale: BASE_LOCALE, title: input.title, body: '' });
		await markEdited(tx, found.courseId);
	});
	return done({ key: input.key });
}

async function moduleRow(db: DbOrTx, slug: string, moduleKey: string) {
	const [row] = await db
		.select({ module: courseModule, courseTitle: sql<string | null>`(select t.title from course_translation t where t.course_id = ${course.id} and t.locale = ${BASE_LOCALE})` })
		.from(courseModule)
		.innerJoin(course, eq(course.id, courseModule.courseId))
		.where(and(eq(course.slug, slug), eq(courseModule.key, moduleKey)));
	return row && { ...row.module, courseTitle: row.courseTitle ?? slug };
}

/** A module's settings, its texts in English and in `locale`, and its lessons in order. */
export async function moduleForEditing(db: DbOrTx, actor: Actor, slug: string, moduleKey: string, locale: AppLocale) {
	if (!mayAuthor(actor)) return forbidden();
	const m = await moduleRow(db, slug, moduleKey);
	if (!m) return notFound();
	const translations = await db.select().from(courseModuleTranslation).where(eq(courseModuleTranslation.moduleId, m.id));
	const source = translations.find((t) => t.locale === BASE_LOCALE);
	const target = translations.find((t) => t.locale === locale);
	const lessons = await db
		.select({ id: lesson.id, key: lesson.key, status: lesson.status, title: lessonTranslation.title })
		.from(lesson)
		.leftJoin(lessonTranslation, and(eq(lessonTranslation.lessonId, lesson.id), eq(lessonTranslation.locale, BASE_LOCALE)))
		.where(eq(lesson.moduleId, m.id))
		.orderBy(asc(lesson.position), asc(lesson.id));
	return ok({
		id: m.id,
		key: m.key,
		courseSlug: slug,
		courseTitle: m.courseTitle,
		status: m.status,
		pathway: m.pathway,
		level: m.level,
		hours: m.hours,
		references: m.references,
		competenceAreas: m.competenceAreas,
		title: source?.title ?? m.key,
		source,
		target,
		outdated: !!source && !!target && target.updatedAt < source.updatedAt,
		lessons: lessons.map((l) => ({ ...l, title: l.title ?? l.key }))
	});
}

/** A module's publication, pathway, level, hours, references and competence areas. */
export async function updateModuleSettings(db: DbOrTx, actor: Actor, slug: string, moduleKey: string, input: ModuleSettingsInput): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const m = await moduleRow(db, slug, moduleKey);
	if (!m) return notFound();
	const unknown = await unknownCompetenceArea(db, input.competenceAreas);
	if (unknown) return refuse('invalid', 'competenceAreas', 'author_error_competence', { key: unknown });
	await db.transaction(async (tx) => {
		await tx.update(courseModule).set(input).where(eq(courseModule.id, m.id));
		await markEdited(tx, m.courseId);
	});
	return done(null);
}

/** Who a module is for, why and its outcomes, in one language. */
export async function saveModuleTranslation(db: DbOrTx, actor: Actor, slug: string, moduleKey: string, locale: AppLocale, about: AboutInput): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const m = await moduleRow(db, slug, moduleKey);
	if (!m) return notFound();
	await db.transaction(async (tx) => {
		await tx
			.insert(courseModuleTranslation)
			.values({ moduleId: m.id, locale, ...about })
			.onConflictDoUpdate({ target: [courseModuleTranslation.moduleId, courseModuleTranslation.locale], set: { ...about, updatedAt: sql`now()` } });
		await markEdited(tx, m.courseId);
	});
	return done(null);
}

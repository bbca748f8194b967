import { and, asc, eq, sql } from 'drizzle-orm';
import { BASE_LOCALE, LOCALES, type AppLocale } from '../../../i18n/locales.ts';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { course, courseModule, courseModuleTranslation, courseTranslation, lesson, lessonTranslation } from '../../db/schema/learn.ts';
import type { Actor } from '../../policies/index.ts';
import { courseIdOf, done, forbidden, markEdited, mayAuthor, notFound, refuse } from './common.ts';
import { ok, type Result } from '../../result/index.ts';
import type { AboutInput, CourseSettingsInput, NewCourseInput } from './forms.ts';
import { coverForEditing } from './cover.ts';

export type TranslationState = 'translated' | 'missing' | 'outdated';
export type LocaleCounts = { locale: AppLocale; translated: number; missing: number; outdated: number };
export type CourseListing = { slug: string; title: string; status: string; lessons: number; editedInPlatform: boolean; counts: LocaleCounts[] };

const localeValues = () =>
	sql.join(
		LOCALES.map((l) => sql`(${l})`),
		sql`, `
	);

/**
 * Every course, drafts included, with its English title and per locale how many lessons are
 * translated, missing, or older than their English text. Two queries for all courses.
 */
export async function coursesForEditing(db: DbOrTx, actor: Actor): Promise<Result<CourseListing[]>> {
	if (!mayAuthor(actor)) return forbidden();
	const courses = await db
		.select({ id: course.id, slug: course.slug, status: course.status, editedInPlatform: course.editedInPlatform, title: courseTranslation.title })
		.from(course)
		.leftJoin(courseTranslation, and(eq(courseTranslation.courseId, course.id), eq(courseTranslation.locale, BASE_LOCALE)))
		.orderBy(asc(course.slug));
	const counts = await queryRows<{ course_id: number; locale: string; lessons: number; translated: number; outdated: number }>(
		db,
		sql`select l.course_id, loc.locale, count(*)::int as lessons, count(t.lesson_id)::int as translated,
				count(*) filter (where t.updated_at < src.updated_at)::int as outdated
			from lesson l
			cross join (values ${localeValues()}) as loc(locale)
			left join lesson_translation t on t.lesson_id = l.id and t.locale = loc.locale
			left join lesson_translation src on src.lesson_id = l.id and src.locale = ${BASE_LOCALE}
			group by l.course_id, loc.locale`
	);
	return ok(courses.map((c) => {
		const mine = counts.filter((r) => Number(r.course_id) === c.id);
		const lessons = Number(mine[0]?.lessons ?? 0);
		return {
			slug: c.slug,
			title: c.title ?? c.slug,
			status: c.status,
			lessons,
			editedInPlatform: c.editedInPlatform,
			counts: LOCALES.map((locale) => {
				const r = mine.find((x) => x.locale === locale);
				const translated = Number(r?.translated ?? 0);
				return { locale, translated, missing: lessons - translated, outdated: Number(r?.outdated ?? 0) };
			})
		};
	}));
}

/** The areas of the competence standards a course or module can name, in the framework's order. */
export async function competenceAreaOptions(db: DbOrTx): Promise<{ key: string; title: string }[]> {
	return queryRows<{ key: string; title: string }>(
		db,
		sql`select n.key, coalesce(t.title, n.key) as title
			from framework f
			join framework_version v on v.framework_id = f.id
			join framework_node n on n.version_id = v.id
			left join framework_node_translation t on t.node_id = n.id and t.locale = ${BASE_LOCALE}
			where f.slug = 'competence-standards' and n.kind = 'area'
				and v.id = (select x.id from framework_version x where x.framework_id = f.id order by x.created_at desc limit 1)
			order by n.position`
	);
}

/** The first competence area key that is not a node of the competence standards, if any. */
export async function unknownCompetenceArea(db: DbOrTx, keys: string[]): Promise<string | undefined> {
	if (!keys.length) return undefined;
	const rows = await queryRows<{ key: string }>(
		db,
		sql`select distinct n.key from framework f join framework_version v on v.framework_id = f.id
			join framework_node n on n.version_id = v.id where f.slug = 'competence-standards'`
	);
	const known = new Set(rows.map((r) => r.key));
	return keys.find((k) => !known.has(k));
}

/**
 * A new course as a draft, with one module and one lesson so that it is valid (and exportable)
 * from the start; the module and lesson take the course's English texts until they are written.
 */
export async function createCourse(db: DbOrTx, actor: Actor, input: NewCourseInput): Promise<Result<{ slug: string }>> {
	if (!mayAuthor(actor)) return forbidden();
	if (await courseIdOf(db, input.slug)) return refuse('conflict', 'slug', 'author_error_slug_taken');
	const about = { title: input.title, summary: input.summary, audience: input.audience, why: input.why, outcomes: [input.outcome] };
	await db.transaction(async (tx) => {
		const [c] = await tx
			.insert(course)
			.values({ slug: input.slug, status: 'draft', pathway: input.pathway, level: input.level, competenceAreas: [], editedInPlatform: true })
			.returning({ id: course.id });
		await tx.insert(courseTranslation).values({ courseId: c!.id, locale: BASE_LOCALE, ...about });
		const [mod] = await tx
			.insert(courseModule)
			.values({ courseId: c!.id, key: 'module-1', position: 0, status: 'published', pathway: input.pathway, level: input.level, hours: 1 })
			.returning({ id: courseModule.id });
		await tx.insert(courseModuleTranslation).values({ moduleId: mod!.id, locale: BASE_LOCALE, ...about });
		const [les] = await tx
			.insert(lesson)
			.values({ courseId: c!.id, moduleId: mod!.id, key: 'lesson-1', position: 0, status: 'published', minutes: 10, completion: 'viewed' })
			.returning({ id: lesson.id });
		await tx.insert(lessonTranslation).values({ lessonId: les!.id, locale: BASE_LOCALE, title: input.title, body: input.summary });
	});
	return done({ slug: input.slug });
}

type AboutRow = typeof courseTranslation.$inferSelect;
const aboutOf = (row: AboutRow | typeof courseModuleTranslation.$inferSelect | undefined) =>
	row && { title: row.title, summary: row.summary, audience: row.audience, why: row.why, outcomes: row.outcomes, updatedAt: row.updatedAt };

/** A translation and its English source side by side, and whether the translation is older. */
function sideBySide<T extends { updatedAt: Date }>(source: T | undefined, target: T | undefined) {
	return { source, target, outdated: !!source && !!target && target.updatedAt < source.updatedAt };
}

export type LessonRow = { id: number; key: string; title: string; status: string; minutes: number; states: Record<AppLocale, TranslationState> };

/** The lessons of a course with their English titles and, per locale, their translation state. */
async function lessonsWithStates(db: DbOrTx, courseId: number) {
	return queryRows<{ id: number; key: string; module_id: number; position: number; status: string; minutes: number; title: string | null; locale: string; translated: boolean; outdated: boolean }>(
		db,
		sql`select l.id, l.key, l.module_id, l.position, l.status, l.minutes, src.title, loc.locale,
				(t.lesson_id is not null) as translated, coalesce(t.updated_at < src.updated_at, false) as outdated
			from lesson l
			cross join (values ${localeValues()}) as loc(locale)
			left join lesson_translation t on t.lesson_id = l.id and t.locale = loc.locale
			left join lesson_translation src on src.lesson_id = l.id and src.locale = ${BASE_LOCALE}
			where l.course_id = ${courseId}
			order by l.position, l.id`
	);
}

/** Groups the rows of lessonsWithStates by module, lessons in their order. */
function lessonsByModule(rows: Awaited<ReturnType<typeof lessonsWithStates>>): Map<number, LessonRow[]> {
	const byId = new Map<number, LessonRow & { moduleId: number; position: number }>();
	for (const r of rows) {
		const id = Number(r.id);
		const entry = byId.get(id) ?? {
			id,
			key: r.key,
			title: r.title ?? r.key,
			status: r.status,
			minutes: Number(r.minutes),
			moduleId: Number(r.module_id),
			position: Number(r.position),
			states: {} as Record<AppLocale, TranslationState>
		};
		entry.states[r.locale as AppLocale] = !r.translated ? 'missing' : r.outdated ? 'outdated' : 'translated';
		byId.set(id, entry);
	}
	const byModule = new Map<number, LessonRow[]>();
	for (const l of [...byId.values()].sort((a, b) => a.position - b.position || a.id - b.id)) {
		const { moduleId, position: _, ...rest } = l;
		byModule.set(moduleId, [...(byModule.get(moduleId) ?? []), rest]);
	}
	return byModule;
}

/**
 * What the course editor shows: the course's settings, its texts in English and in `locale`, its
 * modules and lessons in order, and every lesson's translation state in every language (editors only).
 */
export async function courseForEditing(db: DbOrTx, actor: Actor, slug: string, locale: AppLocale): Promise<Result<CourseForEditing>> {
	if (!mayAuthor(actor)) return forbidden();
	const found = await loadCourse(db, slug, locale);
	return found ? ok(found) : notFound();
}

async function loadCourse(db: DbOrTx, slug: string, locale: AppLocale) {
	const [c] = await db.select({ id: course.id, slug: course.slug, status: course.status, pathway: course.pathway, level: course.level, competenceAreas: course.competenceAreas, editedInPlatform: course.editedInPlatform }).from(course).where(eq(course.slug, slug));
	if (!c) return undefined;
	const translations = await db.select().from(courseTranslation).where(eq(courseTranslation.courseId, c.id));
	const modules = await db.select().from(courseModule).where(eq(courseModule.courseId, c.id)).orderBy(asc(courseModule.position), asc(courseModule.id));
	const moduleTexts = await db
		.select({ moduleId: courseModuleTranslation.moduleId, locale: courseModuleTranslation.locale, title: courseModuleTranslation.title })
		.from(courseModuleTranslation)
		.innerJoin(courseModule, eq(courseModule.id, courseModuleTranslation.moduleId))
		.where(eq(courseModule.courseId, c.id));
	const lessons = lessonsByModule(await lessonsWithStates(db, c.id));
	const text = sideBySide(aboutOf(translations.find((t) => t.locale === BASE_LOCALE)), aboutOf(translations.find((t) => t.locale === locale)));
	return {
		id: c.id,
		slug: c.slug,
		status: c.status,
		pathway: c.pathway,
		level: c.level,
		competenceAreas: c.competenceAreas,
		editedInPlatform: c.editedInPlatform,
		title: text.source?.title ?? c.slug,
		...text,
		cover: await coverForEditing(db, c.id),
		modules: modules.map((m) => ({
			id: m.id,
			key: m.key,
			status: m.status,
			hours: m.hours,
			title: moduleTexts.find((t) => t.moduleId === m.id && t.locale === BASE_LOCALE)?.title ?? m.key,
			lessons: lessons.get(m.id) ?? []
		}))
	};
}
export type CourseForEditing = NonNullable<Awaited<ReturnType<typeof loadCourse>>>;

/** Publishes or unpublishes a course and sets what it is (pathway, level, competence areas). */
export async function updateCourseSettings(db: DbOrTx, actor: Actor, slug: string, input: CourseSettingsInput): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const courseId = await courseIdOf(db, slug);
	if (!courseId) return notFound();
	const unknown = await unknownCompetenceArea(db, input.competenceAreas);
	if (unknown) return refuse('invalid', 'competenceAreas', 'author_error_competence', { key: unknown });
	await db.transaction(async (tx) => {
		await tx
			.update(course)
			.set({ status: input.status, pathway: input.pathway, level: input.level, competenceAreas: input.competenceAreas })
			.where(eq(course.id, courseId));
		await markEdited(tx, courseId);
	});
	return done(null);
}

/** Who the course is for, why and its outcomes, in one language (live at once). */
export async function saveCourseTranslation(db: DbOrTx, actor: Actor, slug: string, locale: AppLocale, about: AboutInput): Promise<Result> {
	if (!mayAuthor(actor)) return forbidden();
	const courseId = await courseIdOf(db, slug);
	if (!courseId) return notFound();
	await db.transaction(async (tx) => {
		await tx
			.insert(courseTranslation)
			.values({ courseId, locale, ...about })
			.onConflictDoUpdate({ target: [courseTranslation.courseId, courseTranslation.locale], set: { ...about, updatedAt: sql`now()` } });
		await markEdited(tx, courseId);
	});
	return done(null);
}

import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import { BASE_LOCALE, type AppLocale } from '../../../i18n/locales.ts';
import type { DbOrTx } from '../../db/client.ts';
import { course, courseModule, courseModuleTranslation, courseTranslation, lesson, lessonTranslation, type Reference } from '../../db/schema/learn.ts';

/** Who it is for, why, outcomes: in the reader's language or, visibly, in English. */
export type About = {
	title: string;
	summary: string;
	audience: string;
	why: string;
	outcomes: string[];
	shownLocale: string;
	availableLocales: string[];
};

type Translated = { locale: string };

/** Groups translation rows by owner and picks the reader's language, else the base language. */
export function pickTranslations<T extends Translated>(rows: T[], ownerOf: (row: T) => number, locale: AppLocale) {
	const byOwner = new Map<number, T[]>();
	for (const row of rows) {
		const list = byOwner.get(ownerOf(row)) ?? [];
		list.push(row);
		byOwner.set(ownerOf(row), list);
	}
	return (id: number): (T & { shownLocale: string; availableLocales: string[] }) | undefined => {
		const list = byOwner.get(id) ?? [];
		const chosen = list.find((r) => r.locale === locale) ?? list.find((r) => r.locale === BASE_LOCALE);
		if (!chosen) return undefined;
		return { ...chosen, shownLocale: chosen.locale, availableLocales: list.map((r) => r.locale).sort() };
	};
}

/**
 * A course's cover illustration, ready for an `<img>`: its address (by its hash, so it is cached for
 * good and a new cover is a new address), its alt text and the language of that text.
 */
export type CourseCover = { src: string; alt: string; lang: string };

export type CourseSummary = About & {
	id: number;
	cover: CourseCover | null;
	slug: string;
	status: string;
	pathway: string;
	level: string;
	hours: number;
	modules: number;
	competenceAreas: string[];
};

export type LessonSummary = { id: number; key: string; title: string; minutes: number; completion: string; media: string | null; activities: number; shownLocale: string };
export type ModuleOutline = About & {
	id: number;
	key: string;
	pathway: string;
	level: string;
	hours: number;
	competenceAreas: string[];
	references: Reference[];
	lessons: LessonSummary[];
};
export type CourseOutline = CourseSummary & { moduleList: ModuleOutline[] };

const aboutFields = (t: { title: string; summary: string; audience: string; why: string; outcomes: string[]; shownLocale: string; availableLocales: string[] }): About => ({
	title: t.title,
	summary: t.summary,
	audience: t.audience,
	why: t.why,
	outcomes: t.outcomes,
	shownLocale: t.shownLocale,
	availableLocales: t.availableLocales
});

/** Where a cover is served (routes/media/covers/[sha]). */
export const coverUrl = (sha256: string) => `/media/covers/${sha256}`;

/**
 * The cover of a course row, with the alt text of the language the course is shown in, or the
 * English one (marked as English) when that language has none yet.
 */
function coverOf(c: { coverSha256: string | null }, shown: { locale: string; coverAlt: string }, english: string | undefined): CourseCover | null {
	if (!c.coverSha256) return null;
	if (shown.coverAlt || shown.locale === BASE_LOCALE) return { src: coverUrl(c.coverSha256), alt: shown.coverAlt, lang: shown.locale };
	return { src: coverUrl(c.coverSha256), alt: english ?? '', lang: BASE_LOCALE };
}

/** The course row without the cover's bytes (served on their own). */
const { coverData: _bytes, ...courseColumns } = getTableColumns(course);

/** A course's cover by its hash (published or not: the hash is unguessable, like a lesson file's). */
export async function findCourseCover(db: DbOrTx, sha256: string): Promise<{ mime: string; data: Uint8Array; sha256: string } | undefined> {
	if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
	const [row] = await db
		.select({ mime: course.coverMime, data: course.coverData, sha256: course.coverSha256 })
		.from(course)
		.where(eq(course.coverSha256, sha256))
		.limit(1);
	return row?.mime && row.data && row.sha256 ? { mime: row.mime, data: row.data, sha256: row.sha256 } : undefined;
}

const inLocales = (locale: AppLocale) => [...new Set([locale, BASE_LOCALE])];

/** Courses for the catalogue (published only, unless `includeDrafts`): three queries in all. */
export async function listCourses(db: DbOrTx, locale: AppLocale, includeDrafts = false): Promise<CourseSummary[]> {
	const courses = await db
		.select(courseColumns)
		.from(course)
		.where(includeDrafts ? undefined : eq(course.status, 'published'))
		.orderBy(asc(course.slug));
	if (!courses.length) return [];
	const ids = courses.map((c) => c.id);
	const rows = await db.select().from(courseTranslation).where(inArray(courseTranslation.courseId, ids));
	const translations = pickTranslations(rows, (r) => r.courseId, locale);
	const englishAlt = (id: number) => rows.find((r) => r.courseId === id && r.locale === BASE_LOCALE)?.coverAlt;
	const modules = await db
		.select({ courseId: courseModule.courseId, hours: courseModule.hours, status: courseModule.status })
		.from(courseModule)
		.where(inArray(courseModule.courseId, ids));
	return courses.flatMap((c) => {
		const t = translations(c.id);
		if (!t) return [];
		const mine = modules.filter((m) => m.courseId === c.id && (includeDrafts || m.status === 'published'));
		return [
			{
				id: c.id,
				slug: c.slug,
				status: c.status,
				cover: coverOf(c, t, englishAlt(c.id)),
				pathway: c.pathway,
				level: c.level,
				competenceAreas: c.competenceAreas,
				hours: mine.reduce((sum, m) => sum + m.hours, 0),
				modules: mine.length,
				...aboutFields(t)
			}
		];
	});
}

/** A course with its modules and lessons (titles only), in reading order: five queries. */
export async function getCourseOutline(db: DbOrTx, slug: string, locale: AppLocale, includeDrafts = false): Promise<CourseOutline | undefined> {
	const [c] = await db.select(courseColumns).from(course).where(eq(course.slug, slug));
	if (!c || (!includeDrafts && c.status !== 'published')) return undefined;
	const locales = inLocales(locale);
	const courseRows = await db.select().from(courseTranslation).where(eq(courseTranslation.courseId, c.id));
	const courseT = pickTranslations(courseRows, (r) => r.courseId, locale)(c.id);
	if (!courseT) return undefined;
	const modules = await db
		.select()
		.from(courseModule)
		.where(and(eq(courseModule.courseId, c.id), includeDrafts ? undefined : eq(courseModule.status, 'published')))
		.orderBy(asc(courseModule.position));
	const moduleT = pickTranslations(
		await db
			.select()
			.from(courseModuleTranslation)
			.innerJoin(courseModule, eq(courseModule.id, courseModuleTranslation.moduleId))
			.where(eq(courseModule.courseId, c.id))
			.then((rows) => rows.map((r) => r.course_module_translation)),
		(r) => r.moduleId,
		locale
	);
	const lessons = await db
		.select()
		.from(lesson)
		.where(and(eq(lesson.courseId, c.id), includeDrafts ? undefined : eq(lesson.status, 'published')))
		.orderBy(asc(lesson.position));
	const lessonT = pickTranslations(
		await db
			.select({ lessonId: lessonTranslation.lessonId, locale: lessonTranslation.locale, title: lessonTranslation.title })
			.from(lessonTranslation)
			.innerJoin(lesson, eq(lesson.id, lessonTranslation.lessonId))
			.where(and(eq(lesson.courseId, c.id), inArray(lessonTranslation.locale, locales))),
		(r) => r.lessonId,
		locale
	);
	const moduleList: ModuleOutline[] = modules.flatMap((m) => {
		const t = moduleT(m.id);
		if (!t) return [];
		return [
			{
				id: m.id,
				key: m.key,
				pathway: m.pathway,
				level: m.level,
				hours: m.hours,
				competenceAreas: m.competenceAreas,
				references: m.references,
				...aboutFields(t),
				lessons: lessons
					.filter((l) => l.moduleId === m.id)
					.map((l) => {
						const lt = lessonT(l.id);
						return {
							id: l.id,
							key: l.key,
							title: lt?.title ?? l.key,
							minutes: l.minutes,
							completion: l.completion,
							media: l.media,
							activities: l.activities.length,
							shownLocale: lt?.shownLocale ?? BASE_LOCALE
						};
					})
			}
		];
	});
	return {
		id: c.id,
		slug: c.slug,
		status: c.status,
		cover: coverOf(c, courseT, courseRows.find((r) => r.locale === BASE_LOCALE)?.coverAlt),
		pathway: c.pathway,
		level: c.level,
		competenceAreas: c.competenceAreas,
		hours: moduleList.reduce((sum, m) => sum + m.hours, 0),
		modules: moduleList.length,
		...aboutFields(courseT),
		moduleList
	};
}

/** The lessons of an outline in reading order, with the module each belongs to. */
export function lessonsInOrder(outline: CourseOutline): (LessonSummary & { moduleKey: string; moduleTitle: string })[] {
	return outline.moduleList.flatMap((m) => m.lessons.map((l) => ({ ...l, moduleKey: m.key, moduleTitle: m.title })));
}

/**
 * Where a learner goes next: back to the lesson they opened last if it is not yet complete, else
 * the first incomplete lesson after it, else the first incomplete lesson of the course.
 */
export function nextLesson(
	outline: CourseOutline,
	progress: { lastLessonId: number | null; completed: Set<number> }
): (LessonSummary & { moduleKey: string; moduleTitle: string }) | undefined {
	const lessons = lessonsInOrder(outline);
	const last = lessons.findIndex((l) => l.id === progress.lastLessonId);
	if (last >= 0 && !progress.completed.has(lessons[last]!.id)) return lessons[last];
	const after = lessons.slice(last + 1).find((l) => !progress.completed.has(l.id));
	return after ?? lessons.find((l) => !progress.completed.has(l.id));
}

/** The outline of a course by its id (drafts included): for cohorts, which point at a course by id. */
export async function getCourseOutlineById(db: DbOrTx, courseId: number, locale: AppLocale): Promise<CourseOutline | undefined> {
	const [row] = await db.select({ slug: course.slug }).from(course).where(eq(course.id, courseId));
	return row ? getCourseOutline(db, row.slug, locale, true) : undefined;
}

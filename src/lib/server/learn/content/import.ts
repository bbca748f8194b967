import path from 'node:path';
import { createHash } from 'node:crypto';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { ContentError } from '../../content/errors.ts';
import { emptyReport, shouldWrite, type ImportOptions, type ImportReport } from '../../content/report.ts';
import type { DbOrTx } from '../../db/client.ts';
// The cache module itself, not the catalogue's index: the catalogue reads lessons through content/.
import { contentChanged } from '../catalogue/cache.ts';
import { course, courseModule, courseModuleTranslation, courseTranslation, lesson, lessonFile, lessonTranslation } from '../../db/schema/learn.ts';
import type { CourseFile } from './content.ts';
import { coverBytesMatch, readCourses, type CourseSource, type LessonSource } from './files.ts';
import { checkLinks, loadLinkTargets } from './links.ts';
import { hoursOf, moduleMinutes } from './quality.ts';

/**
 * Imports `content/courses/*` (see content/courses/FORMAT.md). Courses, modules and lessons are
 * matched by key and updated in place, so learners' progress survives a new version of the files;
 * a lesson or module removed from the files is removed with its progress.
 */
export async function importCourses(db: DbOrTx, contentDir: string, options: ImportOptions): Promise<ImportReport> {
	const courses = readCourses(contentDir);
	const targets = await loadLinkTargets(db);
	for (const c of courses) {
		checkLinks(c, targets);
		if (c.cover && !(await coverBytesMatch(c.cover))) throw new ContentError(path.join(path.dirname(c.file), c.cover.name), '', 'is not the kind of image its name says');
	}
	const report = emptyReport('courses');
	for (const c of courses) {
		const [existing] = await db.select().from(course).where(eq(course.slug, c.key));
		if (!shouldWrite(report, existing, c.hash, c.key, options)) continue;
		await writeCourse(db, c);
		(existing ? report.updated : report.created).push(c.key);
	}
	return report;
}

const aboutOf = (d: Pick<CourseFile, 'status' | 'pathway' | 'level' | 'competenceAreas'>) => ({
	status: d.status,
	pathway: d.pathway,
	level: d.level,
	competenceAreas: d.competenceAreas
});

/** The course row's cover columns for a cover (or none). */
export const coverColumns = (cover: { mime: string; data: Uint8Array } | null) => ({
	coverMime: cover?.mime ?? null,
	coverData: cover?.data ?? null,
	coverSha256: cover ? createHash('sha256').update(cover.data).digest('hex') : null
});

const translationRows = <K extends string>(idKey: K, id: number, translations: CourseSource['data']['translations']) =>
	Object.entries(translations).flatMap(([locale, t]) => (t ? [{ [idKey]: id, locale, ...t } as Record<K, number> & typeof t & { locale: string }] : []));

/** Writes one course, its modules and lessons (one course = one import unit; also used by package import). */
export async function writeCourse(db: DbOrTx, c: CourseSource): Promise<number> {
	await contentChanged(db);
	const values = { slug: c.key, ...aboutOf(c.data), ...coverColumns(c.cover), importedHash: c.hash, editedInPlatform: false };
	const [row] = await db.insert(course).values(values).onConflictDoUpdate({ target: course.slug, set: values }).returning({ id: course.id });
	const courseId = row!.id;
	await db.delete(courseTranslation).where(eq(courseTranslation.courseId, courseId));
	await db.insert(courseTranslation).values(translationRows('courseId', courseId, c.data.translations));

	const moduleKeys = c.modules.map((m) => m.key);
	await db.delete(courseModule).where(and(eq(courseModule.courseId, courseId), notInArray(courseModule.key, moduleKeys)));
	const keptLessons: number[] = [];
	for (const [position, m] of c.modules.entries()) {
		const moduleValues = { courseId, key: m.key, position, ...aboutOf(m.data), hours: m.data.hours ?? hoursOf(moduleMinutes(m).total), references: m.data.references };
		const [mod] = await db
			.insert(courseModule)
			.values(moduleValues)
			.onConflictDoUpdate({ target: [courseModule.courseId, courseModule.key], set: moduleValues })
			.returning({ id: courseModule.id });
		const moduleId = mod!.id;
		await db.delete(courseModuleTranslation).where(eq(courseModuleTranslation.moduleId, moduleId));
		await db.insert(courseModuleTranslation).values(translationRows('moduleId', moduleId, m.data.translations));
		for (const [lessonPosition, l] of m.lessons.entries()) keptLessons.push(await writeLesson(db, courseId, moduleId, lessonPosition, l));
	}
	await db.delete(lesson).where(and(eq(lesson.courseId, courseId), notInArray(lesson.id, keptLessons)));
	return courseId;
}

async function writeLesson(db: DbOrTx, courseId: number, moduleId: number, position: number, l: LessonSource): Promise<number> {
	const values = {
		courseId,
		moduleId,
		key: l.key,
		position,
		status: l.structure.status,
		minutes: l.structure.minutes,
		completion: l.structure.completion,
		media: l.structure.media ?? null,
		activities: l.structure.activities
	};
	const [row] = await db
		.insert(lesson)
		.values(values)
		.onConflictDoUpdate({ target: [lesson.courseId, lesson.key], set: values })
		.returning({ id: lesson.id });
	const lessonId = row!.id;
	await db.delete(lessonTranslation).where(eq(lessonTranslation.lessonId, lessonId));
	await db.insert(lessonTranslation).values(
		Object.entries(l.translations).map(([locale, t]) => ({
			lessonId,
			locale,
			title: t.meta.title,
			summary: t.meta.summary,
			body: t.body,
			narration: t.meta.narration,
			activities: t.meta.activities
		}))
	);
	await syncLessonFiles(db, lessonId, l.files);
	return lessonId;
}

/** Brings a lesson's stored files in line with `files`: only changed bytes are written. */
export async function syncLessonFiles(db: DbOrTx, lessonId: number, files: LessonSource['files']): Promise<void> {
	const stored = await db.select({ name: lessonFile.name, sha256: lessonFile.sha256 }).from(lessonFile).where(eq(lessonFile.lessonId, lessonId));
	const names = files.map((f) => f.name);
	const gone = stored.filter((s) => !names.includes(s.name)).map((s) => s.name);
	if (gone.length) await db.delete(lessonFile).where(and(eq(lessonFile.lessonId, lessonId), inArray(lessonFile.name, gone)));
	for (const f of files) {
		if (stored.some((s) => s.name === f.name && s.sha256 === f.sha256)) continue;
		const values = { lessonId, name: f.name, mime: f.mime, size: f.data.byteLength, sha256: f.sha256, data: f.data };
		await db.insert(lessonFile).values(values).onConflictDoUpdate({ target: [lessonFile.lessonId, lessonFile.name], set: values });
	}
}

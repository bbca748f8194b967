import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { cached } from '#lib/server/learn/catalogue/index.ts';
import { getCourseOutline } from '#lib/server/learn/catalogue/index.ts';
import { getLesson, lessonRenderContext } from '#lib/server/learn/catalogue/index.ts';
import { listCourses, nextLesson } from '#lib/server/learn/catalogue/index.ts';
import { completedLessonsByCourse, listCertificates, listEnrolments } from '#lib/server/learn/progress/index.ts';
import type { Actor } from '#lib/server/policies/index.ts';

// Route helpers for the learner's pages: a course or lesson in the reader's language, or a 404.

/** A published course's outline in the reader's language, shared by every reader. */
export function publishedOutline(slug: string) {
	const locale = getLocale();
	return cached(`outline:${slug}:${locale}`, () => getCourseOutline(db(), slug, locale));
}

/** The published courses in the reader's language (the catalogue), shared by every reader. */
export function publishedCourses() {
	const locale = getLocale();
	return cached(`courses:${locale}`, () => listCourses(db(), locale));
}

/** Every course, drafts too, in the reader's language (for the titles of a learner's enrolments), shared likewise. */
function everyCourse() {
	const locale = getLocale();
	return cached(`courses:all:${locale}`, () => listCourses(db(), locale, true));
}

/** A published course's outline in the reader's language, or a 404. */
export async function outlineOr404(slug: string) {
	const outline = await publishedOutline(slug);
	if (!outline) error(404, m.learn_course_not_found());
	return outline;
}

/** The course and lesson a lesson URL names, in the reader's language, or a 404. */
export async function lessonOr404(params: { course: string; module: string; lesson: string }) {
	const locale = getLocale();
	const outline = await outlineOr404(params.course);
	const lesson = await cached(`lesson:${params.course}:${params.lesson}:${locale}`, () =>
		getLesson(db(), outline, params.lesson, locale, lessonRenderContext(locale))
	);
	if (!lesson || lesson.module.key !== params.module) error(404, m.learn_lesson_not_found());
	return { outline, lesson };
}

/**
 * The signed-in learner's courses, each with progress, the lesson to continue with and the
 * certificate once earned: for "My learning" and the home page.
 */
export async function myCourses(actor: Actor) {
	const [courses, enrolments, certificates, completed] = await Promise.all([
		everyCourse(),
		listEnrolments(db(), actor),
		listCertificates(db(), actor),
		completedLessonsByCourse(db(), actor)
	]);
	const titleOf = (id: number) => courses.find((c) => c.id === id)?.title ?? '';
	return Promise.all(
		enrolments.map(async (e) => {
			// What to do next: the same rule as the course page (outlines come from the shared cache).
			const outline = e.completedAt ? undefined : await publishedOutline(e.slug);
			const next = outline && nextLesson(outline, { lastLessonId: e.lastLessonId, completed: completed.get(e.courseId) ?? new Set() });
			return {
				slug: e.slug,
				title: titleOf(e.courseId),
				done: e.done,
				lessons: e.lessons,
				enrolledAt: e.enrolledAt,
				completedAt: e.completedAt,
				next: next && { href: `/learn/${e.slug}/${next.moduleKey}/${next.key}`, title: next.title, module: next.moduleTitle, resume: next.id === e.lastLessonId },
				certificate: certificates.find((c) => c.courseId === e.courseId)?.code ?? null
			};
		})
	);
}

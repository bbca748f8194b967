import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { cached } from '#lib/server/learn/catalogue/index.ts';
import { getCourseOutline } from '#lib/server/learn/catalogue/index.ts';
import { getLesson, lessonRenderContext } from '#lib/server/learn/catalogue/index.ts';

// Route helpers for the learner's pages: a course or lesson in the reader's language, or a 404.

/** A published course's outline in the reader's language, shared by every reader. */
export function publishedOutline(slug: string) {
	const locale = getLocale();
	return cached(`outline:${slug}:${locale}`, () => getCourseOutline(db(), slug, locale));
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

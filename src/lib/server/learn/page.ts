import { error } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { localizeHref } from '../../i18n/paths.ts';
import { db } from '../app.ts';
import { cached } from './cache.ts';
import { getCourseOutline } from './catalogue.ts';
import { getLesson } from './lesson.ts';
import type { CalloutKind } from './markdown.ts';

const CALLOUTS: Record<CalloutKind, () => string> = {
	note: m.learn_callout_note,
	tip: m.learn_callout_tip,
	example: m.learn_callout_example,
	warning: m.learn_callout_warning
};

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
		getLesson(db(), outline, params.lesson, locale, {
			localize: (path) => localizeHref(path, { locale }),
			calloutLabel: (kind) => CALLOUTS[kind]()
		})
	);
	if (!lesson || lesson.module.key !== params.module) error(404, m.learn_lesson_not_found());
	return { outline, lesson };
}

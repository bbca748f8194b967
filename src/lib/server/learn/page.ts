import { error } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { localizeHref } from '../../i18n/paths.ts';
import { db } from '../app.ts';
import { getCourseOutline } from './catalogue.ts';
import { getLesson } from './lesson.ts';
import type { CalloutKind } from './markdown.ts';

const CALLOUTS: Record<CalloutKind, () => string> = {
	note: m.learn_callout_note,
	tip: m.learn_callout_tip,
	example: m.learn_callout_example,
	warning: m.learn_callout_warning
};

/** The course and lesson a lesson URL names, in the reader's language, or a 404. */
export async function lessonOr404(params: { course: string; module: string; lesson: string }) {
	const locale = getLocale();
	const outline = await getCourseOutline(db(), params.course, locale);
	const lesson =
		outline &&
		(await getLesson(db(), outline, params.lesson, locale, {
			localize: (path) => localizeHref(path, { locale }),
			calloutLabel: (kind) => CALLOUTS[kind]()
		}));
	if (!outline || !lesson || lesson.module.key !== params.module) error(404, m.learn_lesson_not_found());
	return { outline, lesson };
}

import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { isAppLocale } from '#lib/i18n/locales.ts';
import { db } from '#lib/server/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { getCourseOutlineById, lessonsInOrder } from '#lib/server/learn/catalogue/index.ts';
import { inviteCohortForm } from '#lib/server/learn/cohorts/index.ts';
import { cohortProgress, getFacilitatedCohort, inviteToCohort } from '#lib/server/learn/cohorts/index.ts';

// Only the facilitator sees this page; anyone else gets the 404 of a cohort that does not exist.
async function facilitatedOr404(locals: App.Locals, id: string) {
	const session = requireSession(locals);
	const cohort = await getFacilitatedCohort(db(), session.user.id, id);
	if (!cohort) error(404, m.error_not_found_title());
	return { session, cohort };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { cohort } = await facilitatedOr404(locals, params.id);
	const [members, outline] = await Promise.all([
		cohortProgress(db(), cohort),
		getCourseOutlineById(db(), cohort.courseId, getLocale())
	]);
	const lessons = outline ? lessonsInOrder(outline) : [];
	const lessonTitle = (id: number | null) => lessons.find((l) => l.id === id)?.title ?? '';
	return {
		cohort: { id: cohort.id, name: cohort.name, joinCode: cohort.joinCode, startsOn: cohort.startsOn, endsOn: cohort.endsOn },
		course: outline ? { slug: outline.slug, title: outline.title, lessons: lessons.length, modules: outline.moduleList.length } : null,
		joinUrl: `${url.origin}${url.pathname.replace(/\/learn\/cohorts\/.*$/, '/learn/cohorts')}?code=${encodeURIComponent(cohort.joinCode)}`,
		members: members.map((mem) => ({
			...mem,
			quizzes: mem.quizzes.map((q) => ({ ...q, lesson: lessonTitle(q.lessonId) })),
			shared: mem.shared.map((s) => ({ ...s, lesson: lessonTitle(s.lessonId) }))
		}))
	};
};

export const actions: Actions = {
	invite: async ({ locals, params, request, url }) => {
		const { session, cohort } = await facilitatedOr404(locals, params.id);
		const parsed = parseForm(inviteCohortForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const locale = getLocale();
		const outline = await getCourseOutlineById(db(), cohort.courseId, locale);
		const result = await inviteToCohort(
			db(),
			{ id: session.user.id, name: session.user.displayName, locale: isAppLocale(session.user.locale) ? session.user.locale : locale },
			{ id: cohort.id, name: cohort.name, courseTitle: outline?.title ?? '' },
			parsed.data.emails,
			url.origin
		);
		return { sent: result.sent.length, limited: result.limited };
	}
};

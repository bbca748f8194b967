import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, valueOf } from '#lib/server/http/respond.ts';
import { getCourseOutlineById, lessonsInOrder } from '#lib/server/learn/catalogue/index.ts';
import { inviteCohortForm } from '#lib/server/learn/cohorts/index.ts';
import { cohortDueDates, cohortProgress, dueDatesForm, getFacilitatedCohort, inviteToCohort, setCohortDiscussion, setDueDates } from '#lib/server/learn/cohorts/index.ts';
import { z } from 'zod';
import { respond } from '#lib/server/http/respond.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';

// Only the facilitator sees this page; anyone else gets the 404 of a cohort that does not exist
// (the services answer a bare 'not_found').
async function facilitatedOr404(locals: App.Locals, id: string) {
	requireSession(locals);
	const actor = actorOf(locals);
	return { actor, cohort: valueOf(await getFacilitatedCohort(db(), actor, id)) };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, cohort } = await facilitatedOr404(locals, params.id);
	const [progress, outline, due] = await Promise.all([
		cohortProgress(db(), actor, cohort),
		getCourseOutlineById(db(), cohort.courseId, getLocale()),
		cohortDueDates(db(), actor, cohort.id)
	]);
	const dueOn = valueOf(due);
	const members = valueOf(progress);
	const lessons = outline ? lessonsInOrder(outline) : [];
	const lessonTitle = (id: number | null) => lessons.find((l) => l.id === id)?.title ?? '';
	return {
		cohort: { id: cohort.id, name: cohort.name, joinCode: cohort.joinCode, startsOn: cohort.startsOn, endsOn: cohort.endsOn, discussInCohort: cohort.discussInCohort },
		course: outline ? { slug: outline.slug, title: outline.title, lessons: lessons.length, modules: outline.moduleList.length } : null,
		dueDates: (outline?.moduleList ?? []).map((mod) => ({ id: mod.id, title: mod.title, dueOn: dueOn.get(mod.id) ?? '' })),
		joinUrl: `${url.origin}${url.pathname.replace(/\/learn\/cohorts\/.*$/, '/learn/cohorts')}?code=${encodeURIComponent(cohort.joinCode)}`,
		members: members.map((mem) => ({
			...mem,
			quizzes: mem.quizzes.map((q) => ({ ...q, lesson: lessonTitle(q.lessonId) })),
			shared: mem.shared.map((s) => ({ ...s, lesson: lessonTitle(s.lessonId) }))
		}))
	};
};

const discussionForm = z.object({ within: z.literal('yes', { error: 'error_invalid' }).optional().transform((v) => v === 'yes') });

export const actions: Actions = {
	discussion: async (event) => {
		const { actor, cohort } = await facilitatedOr404(event.locals, event.params.id);
		const parsed = parseForm(discussionForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return respond(await setCohortDiscussion(db(), actor, cohort.id, parsed.data.within), {}, () => backWithFlash(event, { discussionSaved: true }, '#discussion-heading'));
	},
	due: async (event) => {
		const { actor, cohort } = await facilitatedOr404(event.locals, event.params.id);
		const parsed = parseForm(dueDatesForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors, { section: 'due', values: parsed.values });
		const dates = new Map(Object.entries(parsed.data).map(([key, dueOn]) => [Number(key.slice(4)), dueOn]));
		return respond(await setDueDates(db(), actor, cohort.id, dates), {}, () => backWithFlash(event, { dueSaved: true }, '#due-heading'));
	},
	invite: async (event) => {
		const { locals, params, request, url } = event;
		const { actor, cohort } = await facilitatedOr404(locals, params.id);
		const parsed = parseForm(inviteCohortForm, await request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors, { values: parsed.values });
		const locale = getLocale();
		const outline = await getCourseOutlineById(db(), cohort.courseId, locale);
		const result = valueOf(
			await inviteToCohort(db(), actor, { ...cohort, courseTitle: outline?.title ?? '' }, parsed.data.emails, { origin: url.origin, locale })
		);
		backWithFlash(event, { sent: result.sent.length, limited: result.limited.join(', ') }, '#join-heading');
	}
};

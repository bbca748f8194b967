import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan, requireSession } from '#lib/server/http/guards.ts';
import { can } from '#lib/server/policies/index.ts';
import { listCourses } from '#lib/server/learn/catalogue/index.ts';
import { publishedOutline } from '../pages.ts';
import { cohortIdForm, createCohortForm, joinCohortForm } from '#lib/server/learn/cohorts/index.ts';
import { createCohort, joinByCode, leaveCohort, listMyCohorts } from '#lib/server/learn/cohorts/index.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const session = requireSession(locals);
	const [cohorts, courses] = await Promise.all([listMyCohorts(db(), session.user.id), listCourses(db(), getLocale())]);
	const titleOf = (id: number) => courses.find((c) => c.id === id)?.title ?? '';
	return {
		facilitating: cohorts.facilitating.map((c) => ({ ...c, courseTitle: titleOf(c.courseId) })),
		memberOf: cohorts.memberOf.map((c) => ({ ...c, courseTitle: titleOf(c.courseId) })),
		courses: courses.map((c) => ({ slug: c.slug, title: c.title })),
		code: url.searchParams.get('code')?.slice(0, 40) ?? '',
		mayCreate: can(actorOf(locals), 'cohort:create')
	};
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		requireCan(locals, 'cohort:create');
		const parsed = parseForm(createCohortForm, await request.formData());
		if (!parsed.ok) return fail(400, { section: 'create', errors: parsed.errors, values: parsed.values });
		const course = await publishedOutline(parsed.data.course);
		if (!course) return fail(400, { section: 'create', errors: { course: 'error_choose' }, values: { name: parsed.data.name } });
		const id = await createCohort(db(), actorOf(locals), { courseId: course.id, name: parsed.data.name, startsOn: parsed.data.startsOn, endsOn: parsed.data.endsOn });
		if (id === 'forbidden') return fail(403, { section: 'create', errors: { form: 'error_invalid' } });
		redirect(303, localizeHref(`/learn/cohorts/${id}`));
	},
	join: async ({ locals, request, url }) => {
		const session = requireSession(locals);
		const parsed = parseForm(joinCohortForm, await request.formData());
		if (!parsed.ok) return fail(400, { section: 'join', errors: parsed.errors, values: parsed.values });
		const joined = await joinByCode(db(), { userId: session.user.id, origin: url.origin }, parsed.data.code);
		if (!joined) return fail(404, { section: 'join', errors: { code: 'error_cohort_code' }, values: { code: parsed.data.code } });
		return { section: 'join', done: 'cohort_joined' };
	},
	leave: async ({ locals, request }) => {
		const session = requireSession(locals);
		const parsed = parseForm(cohortIdForm, await request.formData());
		if (!parsed.ok || !(await leaveCohort(db(), session.user.id, parsed.data.cohortId))) return fail(404, { section: 'leave', errors: { form: 'error_invalid' } });
		return { section: 'leave', done: 'cohort_left' };
	}
};

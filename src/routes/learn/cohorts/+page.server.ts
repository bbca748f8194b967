import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan, requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { publishedCourses, publishedOutline } from '../pages.ts';
import { cohortIdForm, createCohortForm, joinCohortForm } from '#lib/server/learn/cohorts/index.ts';
import { createCohort, joinByCode, leaveCohort, listMyCohorts } from '#lib/server/learn/cohorts/index.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSession(locals);
	const [mine, courses] = await Promise.all([listMyCohorts(db(), actorOf(locals)), publishedCourses()]);
	const cohorts = valueOf(mine);
	const titleOf = (id: number) => courses.find((c) => c.id === id)?.title ?? '';
	return {
		facilitating: cohorts.facilitating.map((c) => ({ ...c, courseTitle: titleOf(c.courseId) })),
		memberOf: cohorts.memberOf.map((c) => ({ ...c, courseTitle: titleOf(c.courseId) })),
		courses: courses.map((c) => ({ slug: c.slug, title: c.title })),
		code: url.searchParams.get('code')?.slice(0, 40) ?? '',
		mayCreate: cohorts.mayCreate
	};
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		requireCan(locals, 'cohort:create');
		const parsed = parseForm(createCohortForm, await request.formData());
		if (!parsed.ok) return fail(400, { section: 'create', errors: parsed.errors, values: parsed.values });
		const course = await publishedOutline(parsed.data.course);
		if (!course) return fail(400, { section: 'create', errors: { course: 'error_choose' }, values: { name: parsed.data.name } });
		const result = await createCohort(db(), actorOf(locals), { courseId: course.id, name: parsed.data.name, startsOn: parsed.data.startsOn, endsOn: parsed.data.endsOn });
		return respond(result, { frame: { section: 'create' } }, ({ id }) => redirect(303, localizeHref(`/learn/cohorts/${id}`)));
	},
	join: async (event) => {
		const { locals, request, url, getClientAddress } = event;
		requireSession(locals);
		const parsed = parseForm(joinCohortForm, await request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors, { section: 'join', values: parsed.values });
		const result = await joinByCode(db(), actorOf(locals), { origin: url.origin, ip: getClientAddress() }, parsed.data.code);
		return respond(result, { frame: { section: 'join', values: { code: parsed.data.code } } }, () => backWithFlash(event, { section: 'join', done: 'cohort_joined' }));
	},
	leave: async (event) => {
		const { locals, request } = event;
		requireSession(locals);
		const parsed = parseForm(cohortIdForm, await request.formData());
		const result = await leaveCohort(db(), actorOf(locals), parsed.ok ? parsed.data.cohortId : '');
		return respond(result, { frame: { section: 'leave' } }, () => backWithFlash(event, { section: 'leave', done: 'cohort_left' }));
	}
};

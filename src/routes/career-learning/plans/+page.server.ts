import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { createPlan, listPlans, planForm } from '#lib/server/resources/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return { plans: valueOf(await listPlans(db(), actorOf(locals))) };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		requireSession(locals);
		const parsed = parseForm(planForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = await createPlan(db(), actorOf(locals), parsed.data);
		return respond(result, { frame: { values: parsed.data } }, ({ id }) => redirect(303, localizeHref(`/career-learning/plans/${id}`)));
	}
};

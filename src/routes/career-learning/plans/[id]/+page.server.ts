import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import {
	addStep,
	addStepForm,
	cpdForm,
	deletePlan,
	getPlan,
	planChoices,
	logPlanAsCpd,
	moveForm,
	moveStep,
	planForm,
	removeStep,
	saveStepNotes,
	shareForm,
	sharePlan,
	stepForm,
	stepNotesForm,
	updatePlan
} from '#lib/server/resources/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSession(locals);
	const locale = getLocale();
	const plan = valueOf(await getPlan(db(), actorOf(locals), params.id, locale));
	const choices = plan.editable ? await planChoices(db(), locale) : [];
	return {
		plan,
		choices,
		notice: url.searchParams.get('added') === '1' ? 'added' : url.searchParams.get('logged') === '1' ? 'logged' : null
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = parseForm(planForm, await request.formData());
		if (!form.ok) return fail(400, { section: 'details', errors: form.errors });
		return respond(await updatePlan(db(), actorOf(locals), params.id, form.data), { frame: { section: 'details' } }, () => ({ section: 'details', saved: true }));
	},
	add: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = parseForm(addStepForm, await request.formData());
		if (!form.ok) return fail(400, { section: 'add', errors: form.errors });
		return respond(await addStep(db(), actorOf(locals), params.id, form.data.slug), { frame: { section: 'add' } }, () => ({ section: 'add', saved: true }));
	},
	move: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = parseForm(moveForm, await request.formData());
		if (!form.ok) return fail(400, { section: 'steps', errors: form.errors });
		return respond(await moveStep(db(), actorOf(locals), params.id, form.data.step, form.data.direction), {}, () => ({ section: 'steps', moved: form.data.step }));
	},
	notes: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = parseForm(stepNotesForm, await request.formData());
		if (!form.ok) return fail(form.errors.notes === 'error_too_long' ? 413 : 400, { section: 'steps', errors: form.errors });
		return respond(await saveStepNotes(db(), actorOf(locals), params.id, form.data.step, form.data.notes), {}, () => ({ section: 'steps', saved: true }));
	},
	remove: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = parseForm(stepForm, await request.formData());
		if (!form.ok) return fail(400, { section: 'steps', errors: form.errors });
		return respond(await removeStep(db(), actorOf(locals), params.id, form.data.step), {}, () => ({ section: 'steps', saved: true }));
	},
	share: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = parseForm(shareForm, await request.formData());
		if (!form.ok) return fail(400, { section: 'share', errors: form.errors });
		return respond(await sharePlan(db(), actorOf(locals), params.id, form.data.organisation), { frame: { section: 'share' } }, () => ({ section: 'share', saved: true }));
	},
	cpd: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = parseForm(cpdForm, await request.formData());
		if (!form.ok) return fail(400, { section: 'cpd', errors: form.errors });
		const result = await logPlanAsCpd(db(), actorOf(locals), params.id, { ...form.data, locale: getLocale() });
		return respond(result, { frame: { section: 'cpd' } }, () => redirect(303, localizeHref(`/career-learning/plans/${params.id}?logged=1`)));
	},
	delete: async ({ locals, params }) => {
		requireSession(locals);
		return respond(await deletePlan(db(), actorOf(locals), params.id), {}, () => redirect(303, localizeHref('/career-learning/plans')));
	}
};

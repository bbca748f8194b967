import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond } from '#lib/server/http/respond.ts';
import { proposalForm, proposeResource } from '#lib/server/resources/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'resource:propose');
	return {};
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		requireCan(locals, 'resource:propose');
		const form = await request.formData();
		const parsed = parseForm(proposalForm, form);
		const values = { ...Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')), sectors: form.getAll('sectors').map(String), languages: form.getAll('languages').map(String) };
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const result = await proposeResource(db(), actorOf(locals), parsed.data, getLocale());
		return respond(result, { frame: { values } }, ({ slug }) => redirect(303, localizeHref(`/resources/${slug}?proposed=1`)));
	}
};

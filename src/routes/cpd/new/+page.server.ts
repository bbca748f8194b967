import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { currentStandardsVersion, loadStandards } from '#lib/server/competence/index.ts';
import { createEntry, entryForm } from '#lib/server/cpd/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	const version = await currentStandardsVersion(db());
	const standards = version ? await loadStandards(db(), version, getLocale()) : undefined;
	return { areas: (standards?.areas ?? []).map((a) => ({ key: a.key, code: a.code, title: a.title })) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		requireSession(locals);
		const form = await request.formData();
		const parsed = parseForm(entryForm, form);
		const values = { ...Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')), competenceAreas: form.getAll('competenceAreas').map(String) };
		if (!parsed.ok) return fail(parsed.errors.reflection === 'error_too_long' ? 413 : 400, { errors: parsed.errors, values });
		const result = await createEntry(db(), actorOf(locals), parsed.data);
		return respond(result, { frame: { values } }, () => redirect(303, localizeHref('/cpd?saved=1')));
	}
};

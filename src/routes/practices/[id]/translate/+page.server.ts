import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { checkTranslation, practiceForTranslation, practiceTemplate, saveTranslation, translationFromForm } from '#lib/server/practices/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSession(locals);
	const to = url.searchParams.get('to') || null;
	const practice = valueOf(await practiceForTranslation(db(), actorOf(locals), params.id, to, getLocale()));
	return { practice, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		requireSession(locals);
		const { locale, draft } = translationFromForm(await request.formData());
		const template = await practiceTemplate(db(), getLocale());
		if (!template) error(409, m.practices_error_no_template());
		// Every refused part at once, next to itself; the service checks again and saves nothing then.
		const checked = checkTranslation(template, draft);
		if (!checked.ok) return fail(Object.values(checked.errors).includes('error_too_long') ? 413 : 400, { errors: checked.errors, values: draft });
		const result = await saveTranslation(db(), actorOf(locals), params.id, locale, draft, getLocale());
		return respond(result, { frame: { values: draft } }, () => redirect(303, localizeHref(`/practices/${params.id}/translate?to=${locale}&saved`)));
	}
};

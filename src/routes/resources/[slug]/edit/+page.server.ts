import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppLocale, type AppLocale } from '#lib/i18n/locales.ts';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { resourceForEditing, resourceTextForm, restoreForm, restoreResourceRevision, saveResourceText } from '#lib/server/resources/index.ts';

// An editor's page for a resource's text, one language at a time (?locale=, English by default),
// with every language's translation status and the chosen language's revisions.
const localeOf = (url: URL): AppLocale => {
	const wanted = url.searchParams.get('locale');
	return isAppLocale(wanted) ? wanted : 'en';
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireCan(locals, 'resource:curate');
	const locale = localeOf(url);
	return { locale, resource: valueOf(await resourceForEditing(db(), actorOf(locals), params.slug, locale)) };
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		requireCan(locals, 'resource:curate');
		const parsed = parseForm(resourceTextForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const { locale, ...text } = parsed.data;
		const result = await saveResourceText(db(), actorOf(locals), params.slug, locale, text);
		return respond(result, {}, () => redirect(303, localizeHref(`/resources/${params.slug}/edit?locale=${locale}&saved=1`)));
	},
	restore: async ({ locals, params, request }) => {
		requireCan(locals, 'resource:curate');
		const parsed = parseForm(restoreForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const result = await restoreResourceRevision(db(), actorOf(locals), params.slug, parsed.data.revision);
		return respond(result, {}, ({ locale }) => redirect(303, localizeHref(`/resources/${params.slug}/edit?locale=${locale}&restored=1`)));
	}
};

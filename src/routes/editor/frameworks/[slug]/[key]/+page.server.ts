import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { isAppLocale, type AppLocale } from '#lib/i18n/locales.ts';
import { db } from '#lib/server/platform/app.ts';
import { revisionView } from '#lib/server/content/revisions.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { editNodeTranslation, nodeForEditing } from '#lib/server/frameworks/editing.ts';
import { nodeWordingForm } from '#lib/server/frameworks/forms.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';

function localeOf(url: URL): AppLocale {
	const wanted = url.searchParams.get('locale');
	return isAppLocale(wanted) && wanted !== 'en' ? wanted : 'nb';
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireCan(locals, 'content:edit');
	const locale = localeOf(url);
	const node = valueOf(await nodeForEditing(db(), actorOf(locals), params.slug, params.key, locale));
	return {
		slug: params.slug,
		locale,
		node: { ...node, revisions: undefined },
		revisions: node.revisions.map(revisionView)
	};
};

export const actions: Actions = {
	// Shows the wording as readers will see it, without saving anything.
	preview: async (event) => {
		requireCan(event.locals, 'content:edit');
		const parsed = parseForm(nodeWordingForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		return { preview: parsed.data, values: parsed.data };
	},
	save: async (event) => {
		requireCan(event.locals, 'content:edit');
		const parsed = parseForm(nodeWordingForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = await editNodeTranslation(db(), actorOf(event.locals), event.params.slug, event.params.key, localeOf(event.url), parsed.data);
		return respond(result, {}, () => ({ saved: true }));
	}
};

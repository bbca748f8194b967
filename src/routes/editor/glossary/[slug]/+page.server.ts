import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppLocale, type AppLocale } from '#lib/i18n/locales.ts';
import { db } from '#lib/server/platform/app.ts';
import { revisionView } from '#lib/server/content/revisions.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { editTermTranslation, termForEditing } from '#lib/server/glossary/editing.ts';
import { termWordingForm } from '#lib/server/glossary/forms.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';

// English is editable too: a change to it marks the other languages out of date.
function localeOf(url: URL): AppLocale {
	const wanted = url.searchParams.get('locale');
	return isAppLocale(wanted) ? wanted : 'nb';
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireCan(locals, 'content:edit');
	const locale = localeOf(url);
	const { revisions, ...term } = valueOf(await termForEditing(db(), actorOf(locals), params.slug, locale));
	return {
		locale,
		term,
		revisions: revisions.map((r) => revisionView({ ...r, previousTitle: r.previousTerm, title: r.term, previousBody: r.previousDefinition, body: r.definition }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		requireCan(event.locals, 'content:edit');
		const parsed = parseForm(termWordingForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = await editTermTranslation(db(), actorOf(event.locals), event.params.slug, localeOf(event.url), parsed.data);
		return respond(result, {}, () => ({ saved: true }));
	}
};

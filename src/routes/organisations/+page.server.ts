import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { organisationForm } from '#lib/server/organisations/forms.ts';
import { createOrganisation, listMyOrganisations } from '#lib/server/organisations/service.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSession(locals);
	return {
		organisations: valueOf(await listMyOrganisations(db(), actorOf(locals))),
		left: url.searchParams.has('left')
	};
};

export const actions: Actions = {
	create: async (event) => {
		requireSession(event.locals);
		const data = await event.request.formData();
		const parsed = parseForm(organisationForm, data);
		if (!parsed.ok) {
			const languages = data.getAll('languages').map(String).slice(0, 5);
			return fail(400, { errors: parsed.errors, values: parsed.values, languages });
		}
		const result = await createOrganisation(db(), actorOf(event.locals), parsed.data, requestContext(event));
		return respond(result, {}, ({ id }) => redirect(303, localizeHref(`/organisations/${id}`)));
	}
};

import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/app.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { parseForm } from '#lib/server/accounts/forms.ts';
import { organisationForm } from '#lib/server/organisations/forms.ts';
import { createOrganisation, listMyOrganisations } from '#lib/server/organisations/service.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const session = requireSession(locals);
	return {
		organisations: await listMyOrganisations(db(), session.user.id),
		left: url.searchParams.has('left')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const session = requireSession(event.locals);
		const data = await event.request.formData();
		const parsed = parseForm(organisationForm, data);
		if (!parsed.ok) {
			const languages = data.getAll('languages').map(String).slice(0, 5);
			return fail(400, { errors: parsed.errors, values: parsed.values, languages });
		}
		const { id } = await createOrganisation(db(), session.user.id, parsed.data, requestContext(event));
		redirect(303, localizeHref(`/organisations/${id}`));
	}
};

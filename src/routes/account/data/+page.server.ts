import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '#lib/i18n/paths.ts';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { deleteAccount } from '#lib/server/platform/personal-data.ts';
import { organisationsOnlyOwnedBy } from '#lib/server/organisations/service.ts';
import { deleteAccountForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond } from '#lib/server/http/respond.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const { user } = requireSession(locals);
	// Organisations only this person owns: they are handed over before the account can go.
	return { ownedOrganisations: await organisationsOnlyOwnedBy(db(), user.id) };
};

export const actions: Actions = {
	delete: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(deleteAccountForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const result = await deleteAccount(db(), actorOf(event.locals), parsed.data.current, parsed.data.writing);
		return respond(result, {}, () => {
			clearSessionCookie(event.cookies, event.url.protocol === 'https:');
			redirect(303, localizeHref('/account-deleted'));
		});
	}
};

import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/app.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { acceptInvitation, declineInvitation, getInvitation } from '#lib/server/organisations/service.ts';

// The link only shows the choice: mail scanners that open links must not answer it. A signed-out
// visitor is asked to sign in and learns nothing about the invitation.
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.session) return { signedIn: false as const };
	return { signedIn: true as const, invitation: await getInvitation(db(), locals.session.user.id, params.token) };
};

export const actions: Actions = {
	accept: async (event) => {
		const session = requireSession(event.locals);
		const result = await acceptInvitation(db(), session.user.id, event.params.token, requestContext(event));
		if (!result.ok) return fail(result.error === 'wrong_email' ? 403 : 410, { error: result.error });
		redirect(303, localizeHref(`/organisations/${result.organisationId}?welcome`));
	},
	decline: async (event) => {
		const session = requireSession(event.locals);
		const result = await declineInvitation(db(), session.user.id, event.params.token, requestContext(event));
		if (!result.ok) return fail(result.error === 'wrong_email' ? 403 : 410, { error: result.error });
		return { declined: true };
	}
};

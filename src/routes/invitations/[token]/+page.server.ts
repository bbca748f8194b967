import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf, type RespondOptions } from '#lib/server/http/respond.ts';
import { acceptInvitation, declineInvitation, getInvitation } from '#lib/server/organisations/service.ts';

// The link only shows the choice: mail scanners that open links must not answer it. A signed-out
// visitor is asked to sign in and learns nothing about the invitation.
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.session) return { signedIn: false as const };
	return { signedIn: true as const, invitation: valueOf(await getInvitation(db(), actorOf(locals), params.token)) };
};

// `{ error: 'invalid' | 'wrong_email' }`; a link that no longer works is gone (410).
const answered: RespondOptions = { single: true, status: { not_found: 410 } };

export const actions: Actions = {
	accept: async (event) => {
		requireSession(event.locals);
		const result = await acceptInvitation(db(), actorOf(event.locals), event.params.token, requestContext(event));
		return respond(result, answered, ({ organisationId }) => redirect(303, localizeHref(`/organisations/${organisationId}?welcome`)));
	},
	decline: async (event) => {
		requireSession(event.locals);
		const result = await declineInvitation(db(), actorOf(event.locals), event.params.token, requestContext(event));
		return respond(result, answered, () => ({ declined: true }));
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { invitationForm, inviteForm, memberForm } from '#lib/server/organisations/forms.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';
import {
	getOrganisationForMember,
	invite,
	leave,
	listMembers,
	listPendingInvitations,
	removeMember,
	revokeInvitation,
	transferOwnership
} from '#lib/server/organisations/service.ts';

// Someone who is not a member gets the same 404 as for an organisation that does not exist: the
// service answers a bare 'not_found', which respond.ts turns into that page.

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const session = requireSession(locals);
	const actor = actorOf(locals);
	const organisation = valueOf(await getOrganisationForMember(db(), actor, params.id));
	const members = valueOf(await listMembers(db(), actor, params.id));
	const invitations = organisation.may.invitations ? valueOf(await listPendingInvitations(db(), actor, params.id)) : null;
	return { organisation, me: session.user.id, members, invitations, may: organisation.may, welcome: url.searchParams.has('welcome') };
};

/** The member chosen in a form, or the refusal (a stranger learns nothing, not even whether the input was valid). */
async function chosenMember(event: RequestEvent, section: string) {
	const parsed = parseForm(memberForm, await event.request.formData());
	if (parsed.ok) return { userId: parsed.data.userId };
	valueOf(await getOrganisationForMember(db(), actorOf(event.locals), event.params.id));
	return { failure: invalidForm(parsed.errors, { section }) };
}

export const actions: Actions = {
	invite: async (event) => {
		requireSession(event.locals);
		const actor = actorOf(event.locals);
		const parsed = parseForm(inviteForm, await event.request.formData());
		if (!parsed.ok) {
			// A stranger learns nothing, not even whether their input was valid.
			valueOf(await getOrganisationForMember(db(), actor, event.params.id));
			return invalidForm(parsed.errors, { section: 'invite', values: parsed.values });
		}
		const { email, role } = parsed.data;
		const result = await invite(db(), actor, event.params.id, { email, role }, requestContext(event));
		return respond(result, { frame: { section: 'invite', values: { email, role } } }, () => backWithFlash(event, { section: 'invite', done: 'invite_sent', email }, '#invite-heading'));
	},
	revoke: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(invitationForm, await event.request.formData());
		const id = parsed.ok ? parsed.data.invitation : '';
		const result = await revokeInvitation(db(), actorOf(event.locals), event.params.id, id, requestContext(event));
		return respond(result, { frame: { section: 'invitations' } }, () => backWithFlash(event, { section: 'invitations', done: 'invite_revoked' }));
	},
	remove: async (event) => {
		requireSession(event.locals);
		const chosen = await chosenMember(event, 'members');
		if ('failure' in chosen) return chosen.failure;
		const result = await removeMember(db(), actorOf(event.locals), event.params.id, chosen.userId, requestContext(event));
		return respond(result, { frame: { section: 'members' } }, () => backWithFlash(event, { section: 'members', done: 'org_removed' }));
	},
	transfer: async (event) => {
		requireSession(event.locals);
		const chosen = await chosenMember(event, 'transfer');
		if ('failure' in chosen) return chosen.failure;
		const result = await transferOwnership(db(), actorOf(event.locals), event.params.id, chosen.userId, requestContext(event));
		return respond(result, { frame: { section: 'transfer' } }, () => backWithFlash(event, { section: 'transfer', done: 'org_transferred' }));
	},
	leave: async (event) => {
		requireSession(event.locals);
		const result = await leave(db(), actorOf(event.locals), event.params.id, requestContext(event));
		return respond(result, { frame: { section: 'leave' } }, () => redirect(303, localizeHref('/organisations?left')));
	}
};

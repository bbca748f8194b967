import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/app.ts';
import { parseForm } from '#lib/server/accounts/forms.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invitationForm, inviteForm, memberForm } from '#lib/server/organisations/forms.ts';
import {
	getOrganisationForMember,
	invite,
	leave,
	listMembers,
	listPendingInvitations,
	removeMember,
	revokeInvitation,
	transferOwnership,
	type MemberChangeResult
} from '#lib/server/organisations/service.ts';
import { canInOrganisation, canInvite, canRemoveMember } from '#lib/server/policies/index.ts';

// Someone who is not a member gets the same 404 as for an organisation that does not exist.
function notFound(): never {
	error(404, m.error_not_found_title());
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const session = requireSession(locals);
	const me = session.user.id;
	const organisation = await getOrganisationForMember(db(), me, params.id);
	if (!organisation) notFound();
	const members = (await listMembers(db(), me, params.id)) ?? [];
	const invitations = await listPendingInvitations(db(), me, params.id);
	return {
		organisation,
		me,
		members: members.map((member) => ({
			...member,
			removable: member.userId !== me && canRemoveMember(organisation.role, member.role)
		})),
		invitations: invitations ?? null,
		may: {
			invite: canInvite(organisation.role, 'member'),
			inviteLeader: canInvite(organisation.role, 'leader'),
			transfer: canInOrganisation(organisation.role, 'organisation:transfer')
		},
		welcome: url.searchParams.has('welcome')
	};
};

/** The answer to a member change, as the page shows it. */
function memberChange(result: MemberChangeResult, section: string, done: string) {
	switch (result) {
		case 'ok':
			return { section, done };
		case 'not_found':
			notFound();
		case 'forbidden':
			return fail(403, { section, errors: { form: 'org_error_forbidden' } });
		case 'member_not_found':
			return fail(404, { section, errors: { form: 'org_error_member_gone' } });
		case 'self':
			return fail(400, { section, errors: { userId: 'org_error_self' } });
	}
}

async function chosenMember(event: RequestEvent, section: string) {
	const parsed = parseForm(memberForm, await event.request.formData());
	return parsed.ok ? { userId: parsed.data.userId } : { failure: fail(400, { section, errors: parsed.errors }) };
}

export const actions: Actions = {
	invite: async (event) => {
		const session = requireSession(event.locals);
		const parsed = parseForm(inviteForm, await event.request.formData());
		if (!parsed.ok) {
			// A stranger learns nothing, not even whether their input was valid.
			if (!(await getOrganisationForMember(db(), session.user.id, event.params.id))) notFound();
			return fail(400, { section: 'invite', errors: parsed.errors, values: parsed.values });
		}
		const { email, role } = parsed.data;
		const result = await invite(db(), session.user.id, event.params.id, { email, role }, requestContext(event));
		const values = { email, role };
		switch (result) {
			case 'ok':
				return { section: 'invite', done: 'invite_sent', email };
			case 'not_found':
				notFound();
			case 'forbidden':
				return fail(403, { section: 'invite', errors: { role: 'org_error_forbidden' }, values });
			case 'already_member':
				return fail(409, { section: 'invite', errors: { email: 'invite_error_already_member' }, values });
			case 'rate_limited':
				return fail(429, { section: 'invite', errors: { form: 'error_rate_limited' }, values });
		}
	},
	revoke: async (event) => {
		const session = requireSession(event.locals);
		const parsed = parseForm(invitationForm, await event.request.formData());
		const id = parsed.ok ? parsed.data.invitation : '';
		const result = await revokeInvitation(db(), session.user.id, event.params.id, id, requestContext(event));
		switch (result) {
			case 'ok':
				return { section: 'invitations', done: 'invite_revoked' };
			case 'not_found':
				notFound();
			case 'forbidden':
				return fail(403, { section: 'invitations', errors: { form: 'org_error_forbidden' } });
			case 'invitation_not_found':
				return fail(404, { section: 'invitations', errors: { form: 'invite_error_gone' } });
		}
	},
	remove: async (event) => {
		const session = requireSession(event.locals);
		const chosen = await chosenMember(event, 'members');
		if ('failure' in chosen) {
			if (!(await getOrganisationForMember(db(), session.user.id, event.params.id))) notFound();
			return chosen.failure;
		}
		const result = await removeMember(db(), session.user.id, event.params.id, chosen.userId, requestContext(event));
		return memberChange(result, 'members', 'org_removed');
	},
	transfer: async (event) => {
		const session = requireSession(event.locals);
		const chosen = await chosenMember(event, 'transfer');
		if ('failure' in chosen) {
			if (!(await getOrganisationForMember(db(), session.user.id, event.params.id))) notFound();
			return chosen.failure;
		}
		const result = await transferOwnership(db(), session.user.id, event.params.id, chosen.userId, requestContext(event));
		return memberChange(result, 'transfer', 'org_transferred');
	},
	leave: async (event) => {
		const session = requireSession(event.locals);
		const result = await leave(db(), session.user.id, event.params.id, requestContext(event));
		if (result === 'not_found') notFound();
		if (result === 'last_owner') return fail(409, { section: 'leave', errors: { form: 'org_error_last_owner' } });
		redirect(303, localizeHref('/organisations?left'));
	}
};

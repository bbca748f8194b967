import { ROLES } from '../../accounts/options.ts';

/** Who is asking: the signed-in user with what their session has proven, or nobody. */
export type Actor = {
	id: string;
	role: string;
	emailVerified: boolean;
	totpEnabled: boolean;
	secondFactorVerified: boolean;
} | null;

export { ROLES };
export type Role = (typeof ROLES)[number];

export type Action =
	| 'account:use'
	| 'admin:area'
	| 'admin:users'
	| 'admin:outbox'
	| 'admin:audit'
	| 'admin:learning-records'
	| 'cohort:create'
	| 'content:edit';

// Editors and admins hold rights over other people's data and the shared content: they must
// have a second factor and have used it in this session before those rights apply.
function strongly(actor: NonNullable<Actor>): boolean {
	return actor.totpEnabled && actor.secondFactorVerified;
}

/**
 * The one place that decides what an actor may do. Every action and endpoint asks it;
 * a layout's load protects nothing by itself.
 */
export function can(actor: Actor, action: Action): boolean {
	if (!actor) return false;
	switch (action) {
		case 'account:use':
			return true;
		// Facilitators run cohorts; a cohort shows them only the progress of people who joined it.
		case 'cohort:create':
			return actor.role === 'facilitator' || actor.role === 'editor' || actor.role === 'admin';
		case 'content:edit':
			return (actor.role === 'editor' || actor.role === 'admin') && strongly(actor);
		case 'admin:area':
		case 'admin:users':
		case 'admin:outbox':
		case 'admin:audit':
		case 'admin:learning-records':
			return actor.role === 'admin' && strongly(actor);
	}
}

/** True when the role would give rights that wait for a second factor, so the UI can say so. */
export function needsSecondFactor(actor: Actor): boolean {
	return !!actor && (actor.role === 'editor' || actor.role === 'admin') && !strongly(actor);
}

/** A person's role in one organisation. */
export const ORGANISATION_ROLES = ['owner', 'leader', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** The roles an invitation can give; ownership only changes hands by a transfer. */
export const INVITABLE_ROLES = ['member', 'leader'] as const satisfies readonly OrganisationRole[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export type OrganisationAction =
	| 'organisation:view'
	| 'organisation:members'
	| 'organisation:invite'
	| 'organisation:invite_leader'
	| 'organisation:invitations'
	| 'organisation:remove_member'
	| 'organisation:remove_owner'
	| 'organisation:transfer';

export function isOrganisationRole(value: unknown): value is OrganisationRole {
	return typeof value === 'string' && (ORGANISATION_ROLES as readonly string[]).includes(value);
}

/**
 * What a role in an organisation allows: the one place that decides it. `role` is the actor's
 * membership role, or null for someone who is not a member (who may do nothing, not even look).
 */
export function canInOrganisation(role: OrganisationRole | string | null | undefined, action: OrganisationAction): boolean {
	if (!isOrganisationRole(role)) return false;
	switch (action) {
		case 'organisation:view':
		case 'organisation:members':
			return true;
		case 'organisation:invite':
		case 'organisation:invitations':
		case 'organisation:remove_member':
			return role === 'owner' || role === 'leader';
		case 'organisation:invite_leader':
		case 'organisation:remove_owner':
		case 'organisation:transfer':
			return role === 'owner';
	}
}

/** Whether someone with `actorRole` may remove a member who holds `targetRole`. */
export function canRemoveMember(actorRole: OrganisationRole | string | null | undefined, targetRole: OrganisationRole | string): boolean {
	return canInOrganisation(actorRole, targetRole === 'owner' ? 'organisation:remove_owner' : 'organisation:remove_member');
}

/** Whether someone with `actorRole` may invite people to `invitedRole`. */
export function canInvite(actorRole: OrganisationRole | string | null | undefined, invitedRole: string): boolean {
	if (invitedRole === 'member') return canInOrganisation(actorRole, 'organisation:invite');
	if (invitedRole === 'leader') return canInOrganisation(actorRole, 'organisation:invite_leader');
	return false;
}

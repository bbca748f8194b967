import { allow } from './allow.ts';

// What a role in an organisation allows. The resource is the organisation as the actor stands in
// it: their membership role, or null for someone who is not a member (who may do nothing, not
// even look; a platform admin is no exception).

/** A person's role in one organisation. */
export const ORGANISATION_ROLES = ['owner', 'leader', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** The roles an invitation can give; ownership only changes hands by a transfer. */
export const INVITABLE_ROLES = ['member', 'leader'] as const satisfies readonly OrganisationRole[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export function isOrganisationRole(value: unknown): value is OrganisationRole {
	return typeof value === 'string' && (ORGANISATION_ROLES as readonly string[]).includes(value);
}

/** An organisation with the actor's role in it (null: not a member). */
export type OrganisationAsSeen = { role: OrganisationRole | null };
/** An invitation the actor would send, to a role. */
export type InvitationToSend = OrganisationAsSeen & { invitedRole: string };
/** A member the actor would act on; without one, whether they may remove anyone at all. */
export type MemberInOrganisation = OrganisationAsSeen & { member?: { userId: string; role: OrganisationRole } };

const member = (o: OrganisationAsSeen) => isOrganisationRole(o.role);
const leads = (o: OrganisationAsSeen) => o.role === 'owner' || o.role === 'leader';
const owns = (o: OrganisationAsSeen) => o.role === 'owner';

export const organisationRules = {
	...allow(['organisation:create'], () => true),
	...allow(['organisation:view', 'organisation:members', 'organisation:leave'], (_actor, o: OrganisationAsSeen) => member(o)),
	...allow(['organisation:invitations'], (_actor, o: OrganisationAsSeen) => leads(o)),
	...allow(['organisation:transfer'], (_actor, o: OrganisationAsSeen) => owns(o)),
	// Owners invite members and leaders, leaders invite members; nobody invites an owner.
	...allow(['organisation:invite'], (_actor, i: InvitationToSend) =>
		i.invitedRole === 'member' ? leads(i) : i.invitedRole === 'leader' ? owns(i) : false
	),
	// Owners remove anyone, leaders leaders and members; nobody removes themselves (they leave).
	...allow(['organisation:remove_member'], (actor, m: MemberInOrganisation) =>
		!m.member ? leads(m) : m.member.userId !== actor.id && (m.member.role === 'owner' ? owns(m) : leads(m))
	)
};

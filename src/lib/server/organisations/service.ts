import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import { hashToken, newToken } from '../accounts/tokens.ts';
import { audit } from '../audit/index.ts';
import type { DbOrTx } from '../db/client.ts';
// Ids come from URLs and forms: anything that is not a UUID cannot match (and must not reach a uuid cast).
import { isUuid } from '../forms/index.ts';
import { user } from '../db/schema/accounts.ts';
import { invitation, membership, organisation } from '../db/schema/organisations.ts';
import { sendMail } from '../mail/index.ts';
import { ORGANISATION_MAILS } from './mail.ts';
import { can, isOrganisationRole, type Actor, type InvitableRole, type OrganisationRole } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { hit, LIMITS } from '../ratelimit/index.ts';

// Every function here takes the actor and asks the policy itself (policies/organisations.ts), so a
// form action, an endpoint, a script and a test all get the same answer. Someone who is not a
// member learns nothing: they get a bare 'not_found', exactly as for an organisation that does not
// exist.

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

export type OrganisationInput = {
	name: string;
	sector: string;
	country: string;
	languages: string[];
	description: string;
};

/** Where an action came from: for the audit log and for links in mails. */
export type OrganisationContext = { ip: string; origin: string };

/** The stored id of an invitation link's token (overlong input cut, it can only fail to match). */
function invitationId(token: string): string {
	return hashToken(token.slice(0, 100));
}

/** The actor's role in the organisation, or null if they are not a member (or it does not exist). */
async function roleOf(db: DbOrTx, organisationId: string, userId: string | undefined): Promise<OrganisationRole | null> {
	if (!userId || !isUuid(organisationId) || !isUuid(userId)) return null;
	const [row] = await db
		.select({ role: membership.role })
		.from(membership)
		.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)));
	return row && isOrganisationRole(row.role) ? row.role : null;
}

/** The refusal for someone who may not even know the organisation exists. */
const notFound = () => problem('not_found');

/**
 * Locks the organisation's row until the transaction ends, so that two membership changes of one
 * organisation (two owners leaving at once, say) run one after the other and both see the truth.
 */
async function lockOrganisation(tx: DbOrTx, organisationId: string): Promise<boolean> {
	const [row] = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, organisationId)).for('update');
	return !!row;
}

/** The invariant every membership change keeps: an organisation always has an owner. */
async function assertHasOwner(tx: DbOrTx, organisationId: string): Promise<void> {
	const [row] = await tx
		.select({ owners: count() })
		.from(membership)
		.where(and(eq(membership.organisationId, organisationId), eq(membership.role, 'owner')));
	if (!row || row.owners < 1) throw new Error(`organisation ${organisationId} would have no owner`);
}

/** Creates an organisation with the actor as its first owner. */
export async function createOrganisation(
	db: DbOrTx,
	actor: Actor,
	input: OrganisationInput,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<Result<{ id: string }>> {
	if (!actor || !can(actor, 'organisation:create')) return problem('forbidden');
	const actorId = actor.id;
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(organisation)
			.values({
				name: input.name,
				sector: input.sector,
				country: input.country,
				languages: [...new Set(input.languages)],
				description: input.description
			})
			.returning({ id: organisation.id });
		await tx.insert(membership).values({ organisationId: created!.id, userId: actorId, role: 'owner' });
		await audit(tx, { event: 'organisation_created', actorId, ip: ctx.ip, detail: { organisationId: created!.id } });
		return ok({ id: created!.id });
	});
}

export type OrganisationForMember = {
	id: string;
	name: string;
	sector: string;
	country: string;
	languages: string[];
	description: string;
	createdAt: Date;
	/** The actor's own role. */
	role: OrganisationRole;
	/** What the actor may do here, so the page offers only that. */
	may: { invite: boolean; inviteLeader: boolean; invitations: boolean; transfer: boolean };
};

/** The organisation as its member sees it; 'not_found' for anyone else. */
export async function getOrganisationForMember(db: DbOrTx, actor: Actor, organisationId: string): Promise<Result<OrganisationForMember>> {
	if (!actor || !isUuid(organisationId) || !isUuid(actor.id)) return notFound();
	const [row] = await db
		.select({
			id: organisation.id,
			name: organisation.name,
			sector: organisation.sector,
			country: organisation.country,
			languages: organisation.languages,
			description: organisation.description,
			createdAt: organisation.createdAt,
			role: membership.role
		})
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, actor.id)));
	const role = row && isOrganisationRole(row.role) ? row.role : null;
	if (!row || !can(actor, 'organisation:view', { role })) return notFound();
	return ok({
		...row,
		role: role!,
		may: {
			invite: can(actor, 'organisation:invite', { role, invitedRole: 'member' }),
			inviteLeader: can(actor, 'organisation:invite', { role, invitedRole: 'leader' }),
			invitations: can(actor, 'organisation:invitations', { role }),
			transfer: can(actor, 'organisation:transfer', { role })
		}
	});
}

/** The organisations the actor belongs to, by name, with their role in each. */
export async function listMyOrganisations(db: DbOrTx, actor: Actor) {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	return ok(await membershipsOf(db, actor.id));
}

/**
 * A person's memberships, for the platform's personal-data export (which has checked that the
 * person asks for their own data); everyone else goes through `listMyOrganisations`.
 */
export async function membershipsOf(db: DbOrTx, userId: string) {
	return db
		.select({ id: organisation.id, name: organisation.name, sector: organisation.sector, country: organisation.country, role: membership.role, learningSharedAt: membership.learningSharedAt })
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(eq(membership.userId, userId))
		.orderBy(asc(organisation.name), asc(organisation.id));
}

export type Member = { userId: string; displayName: string; role: OrganisationRole; joinedAt: Date; removable: boolean };

const ROLE_ORDER: Record<OrganisationRole, number> = { owner: 0, leader: 1, member: 2 };

/** The members of an organisation (owners first), each saying whether the actor may remove them; for its members only. */
export async function listMembers(db: DbOrTx, actor: Actor, organisationId: string): Promise<Result<Member[]>> {
	const role = await roleOf(db, organisationId, actor?.id);
	if (!can(actor, 'organisation:members', { role })) return notFound();
	const rows = await db
		.select({ userId: membership.userId, displayName: user.displayName, role: membership.role, joinedAt: membership.joinedAt })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.organisationId, organisationId))
		.orderBy(asc(user.displayName), asc(membership.userId));
	return ok(
		rows
			.flatMap((r) => (isOrganisationRole(r.role) ? [{ ...r, role: r.role }] : []))
			.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
			.map((member) => ({ ...member, removable: can(actor, 'organisation:remove_member', { role, member }) }))
	);
}

/** Invitations that can still be accepted, for owners and leaders; 'forbidden' for other members. */
export async function listPendingInvitations(db: DbOrTx, actor: Actor, organisationId: string) {
	const role = await roleOf(db, organisationId, actor?.id);
	if (!can(actor, 'organisation:view', { role })) return notFound();
	if (!can(actor, 'organisation:invitations', { role })) return problem('forbidden', { field: 'form', key: 'org_error_forbidden' });
	const rows = await db
		.select({ id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, createdAt: invitation.createdAt })
		.from(invitation)
		.where(and(eq(invitation.organisationId, organisationId), pending()))
		.orderBy(asc(invitation.createdAt), asc(invitation.id));
	return ok(rows);
}

/** An invitation that is neither used, declined, revoked nor expired. */
function pending() {
	return and(isNull(invitation.acceptedAt), isNull(invitation.declinedAt), isNull(invitation.revokedAt), gt(invitation.expiresAt, sql`now()`));
}

/**
 * Mails an invitation link (valid for 7 days) to an address: owners may invite members and
 * leaders, leaders members. The mail is in the invitee's language if they have an account, else
 * in the inviter's. A new invitation to the same address replaces the earlier one.
 */
export async function invite(
	db: DbOrTx,
	actor: Actor,
	organisationId: string,
	input: { email: string; role: InvitableRole },
	ctx: OrganisationContext
): Promise<Result> {
	const role = await roleOf(db, organisationId, actor?.id);
	if (!actor || !can(actor, 'organisation:view', { role })) return notFound();
	if (!can(actor, 'organisation:invite', { role, invitedRole: input.role })) return problem('forbidden', { field: 'role', key: 'org_error_forbidden' });
	const actorId = actor.id;
	const email = input.email.trim().toLowerCase();
	const [already] = await db
		.select({ id: user.id })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.organisationId, organisationId), eq(user.email, email)));
	if (already) return problem('conflict', { field: 'email', key: 'invite_error_already_member' });
	if (!(await hit(db, LIMITS.mailPerAddress, email))) return problem('rate_limited', { field: 'form', key: 'error_rate_limited' });

	const [inviter] = await db.select({ displayName: user.displayName, locale: user.locale }).from(user).where(eq(user.id, actorId));
	const [invitee] = await db.select({ id: user.id, locale: user.locale }).from(user).where(eq(user.email, email));
	const [org] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, organisationId));
	const locale = (invitee?.locale ?? inviter!.locale) as AppLocale;

	await db.transaction(async (tx) => {
		// Only the newest link to an address works.
		await tx
			.update(invitation)
			.set({ revokedAt: sql`now()` })
			.where(and(eq(invitation.organisationId, organisationId), eq(invitation.email, email), pending()));
		const { token, id } = newToken();
		await tx.insert(invitation).values({
			id,
			organisationId,
			email,
			role: input.role,
			invitedBy: actorId,
			expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000)
		});
		await sendMail(tx, {
			to: email,
			locale,
			kind: 'invitation',
			senderId: actorId,
			userId: invitee?.id,
			link: `${ctx.origin}/${locale}/invitations/${token}`,
			words: ORGANISATION_MAILS.invitation({ organisation: org!.name, inviter: inviter!.displayName, role: input.role }, locale)
		});
		await audit(tx, { event: 'invitation_sent', actorId, ip: ctx.ip, detail: { organisationId, invitationId: id, role: input.role } });
	});
	return ok();
}

/** Withdraws a pending invitation (by its stored id, as listed to owners and leaders). */
export async function revokeInvitation(
	db: DbOrTx,
	actor: Actor,
	organisationId: string,
	invitationIdValue: string,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<Result> {
	const role = await roleOf(db, organisationId, actor?.id);
	if (!actor || !can(actor, 'organisation:view', { role })) return notFound();
	if (!can(actor, 'organisation:invitations', { role })) return problem('forbidden', { field: 'form', key: 'org_error_forbidden' });
	const revoked = await db
		.update(invitation)
		.set({ revokedAt: sql`now()` })
		.where(and(eq(invitation.id, invitationIdValue.slice(0, 100)), eq(invitation.organisationId, organisationId), pending()))
		.returning({ id: invitation.id });
	if (revoked.length === 0) return problem('not_found', { field: 'form', key: 'invite_error_gone' });
	await audit(db, { event: 'invitation_revoked', actorId: actor.id, ip: ctx.ip, detail: { organisationId, invitationId: revoked[0]!.id } });
	return ok();
}

export type InvitationView =
	| { status: 'valid'; organisationId: string; organisationName: string; role: string; inviterName: string | null; expiresAt: Date }
	| { status: 'wrong_email' }
	| { status: 'invalid' };

/**
 * What the signed-in actor may learn from an invitation link: its particulars only if it is
 * pending and was sent to their address. Anyone else learns only that it does not work for them.
 */
export async function getInvitation(db: DbOrTx, actor: Actor, token: string): Promise<Result<InvitationView>> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const [row] = await db
		.select({
			email: invitation.email,
			role: invitation.role,
			organisationId: invitation.organisationId,
			organisationName: organisation.name,
			invitedBy: invitation.invitedBy,
			expiresAt: invitation.expiresAt
		})
		.from(invitation)
		.innerJoin(organisation, eq(organisation.id, invitation.organisationId))
		.where(and(eq(invitation.id, invitationId(token)), pending()));
	if (!row) return ok({ status: 'invalid' });
	if (!(await emailMatches(db, actor.id, row.email))) return ok({ status: 'wrong_email' });
	const [inviter] = row.invitedBy
		? await db.select({ displayName: user.displayName }).from(user).where(eq(user.id, row.invitedBy))
		: [];
	return ok({
		status: 'valid',
		organisationId: row.organisationId,
		organisationName: row.organisationName,
		role: row.role,
		inviterName: inviter?.displayName ?? null,
		expiresAt: row.expiresAt
	});
}

/** Whether the actor's account address is the invited one (case does not matter). */
async function emailMatches(db: DbOrTx, actorId: string, invitedEmail: string): Promise<boolean> {
	if (!isUuid(actorId)) return false;
	const [me] = await db.select({ email: user.email }).from(user).where(eq(user.id, actorId));
	return !!me && me.email.trim().toLowerCase() === invitedEmail.trim().toLowerCase();
}

/** An answered invitation: the organisation it was for. A link that no longer works is 'not_found' (key `invalid`), one sent to someone else 'forbidden' (key `wrong_email`). */
export type AnswerResult = Result<{ organisationId: string }>;

const linkGone = () => problem('not_found', { field: 'form', key: 'invalid' });

/**
 * Accepts an invitation: once, before it expires, unless revoked, and only by the account whose
 * address it was sent to. Someone who is already a member keeps their role.
 */
export async function acceptInvitation(db: DbOrTx, actor: Actor, token: string, ctx: Pick<OrganisationContext, 'ip'>): Promise<AnswerResult> {
	return answer(db, actor, token, 'accept', ctx);
}

/** Declines an invitation, with the same conditions as accepting it. */
export async function declineInvitation(db: DbOrTx, actor: Actor, token: string, ctx: Pick<OrganisationContext, 'ip'>): Promise<AnswerResult> {
	return answer(db, actor, token, 'decline', ctx);
}

async function answer(
	db: DbOrTx,
	actor: Actor,
	token: string,
	choice: 'accept' | 'decline',
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<AnswerResult> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const actorId = actor.id;
	const id = invitationId(token);
	return db.transaction(async (tx): Promise<AnswerResult> => {
		const [row] = await tx.select({ email: invitation.email }).from(invitation).where(and(eq(invitation.id, id), pending()));
		if (!row) return linkGone();
		// A wrong account does not use the link up: the right person can still answer it.
		if (!(await emailMatches(tx, actorId, row.email))) return problem('forbidden', { field: 'form', key: 'wrong_email' });
		// The condition in the update makes the link single-use even when two answers race.
		const [used] = await tx
			.update(invitation)
			.set(choice === 'accept' ? { acceptedAt: sql`now()` } : { declinedAt: sql`now()` })
			.where(and(eq(invitation.id, id), pending()))
			.returning({ organisationId: invitation.organisationId, role: invitation.role });
		if (!used) return linkGone();
		if (choice === 'accept') {
			await tx
				.insert(membership)
				.values({ organisationId: used.organisationId, userId: actorId, role: used.role === 'leader' ? 'leader' : 'member' })
				.onConflictDoNothing();
		}
		await audit(tx, {
			event: choice === 'accept' ? 'invitation_accepted' : 'invitation_declined',
			actorId,
			subjectId: actorId,
			ip: ctx.ip,
			detail: { organisationId: used.organisationId, invitationId: id }
		});
		return ok({ organisationId: used.organisationId });
	});
}

/** Leaves an organisation. The only owner cannot leave: they transfer ownership first. */
export async function leave(
	db: DbOrTx,
	actor: Actor,
	organisationId: string,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<Result> {
	if (!actor || !isUuid(organisationId)) return notFound();
	const actorId = actor.id;
	return db.transaction(async (tx): Promise<Result> => {
		if (!(await lockOrganisation(tx, organisationId))) return notFound();
		const role = await roleOf(tx, organisationId, actorId);
		if (!can(actor, 'organisation:leave', { role })) return notFound();
		if (role === 'owner') {
			const [row] = await tx
				.select({ owners: count() })
				.from(membership)
				.where(and(eq(membership.organisationId, organisationId), eq(membership.role, 'owner')));
			if ((row?.owners ?? 0) <= 1) return problem('conflict', { field: 'form', key: 'org_error_last_owner' });
		}
		await tx.delete(membership).where(and(eq(membership.organisationId, organisationId), eq(membership.userId, actorId)));
		await assertHasOwner(tx, organisationId);
		await audit(tx, { event: 'member_left', actorId, subjectId: actorId, ip: ctx.ip, detail: { organisationId } });
		return ok();
	});
}

const refusedHere = () => problem('forbidden', { field: 'form', key: 'org_error_forbidden' });

/**
 * The checks before the actor changes another member (inside the transaction, after the lock):
 * both roles, or why the change may not happen.
 */
async function memberChange(
	tx: DbOrTx,
	actor: NonNullable<Actor>,
	organisationId: string,
	targetUserId: string,
	action: 'organisation:remove_member' | 'organisation:transfer'
): Promise<Result<{ role: OrganisationRole; targetRole: OrganisationRole }>> {
	if (!(await lockOrganisation(tx, organisationId))) return notFound();
	const role = await roleOf(tx, organisationId, actor.id);
	if (!can(actor, 'organisation:view', { role })) return notFound();
	if (!can(actor, action, { role })) return refusedHere();
	if (targetUserId === actor.id) return problem('invalid', { field: 'userId', key: 'org_error_self' });
	const targetRole = await roleOf(tx, organisationId, targetUserId);
	if (!targetRole) return problem('not_found', { field: 'form', key: 'org_error_member_gone' });
	return ok({ role: role!, targetRole });
}

/** Removes a member: owners remove anyone, leaders remove leaders and members but not owners. */
export async function removeMember(
	db: DbOrTx,
	actor: Actor,
	organisationId: string,
	targetUserId: string,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<Result> {
	if (!actor || !isUuid(organisationId)) return notFound();
	const actorId = actor.id;
	return db.transaction(async (tx): Promise<Result> => {
		const change = await memberChange(tx, actor, organisationId, targetUserId, 'organisation:remove_member');
		if (!change.ok) return change;
		const { role, targetRole } = change.value;
		if (!can(actor, 'organisation:remove_member', { role, member: { userId: targetUserId, role: targetRole } })) return refusedHere();
		await tx.delete(membership).where(and(eq(membership.organisationId, organisationId), eq(membership.userId, targetUserId)));
		await assertHasOwner(tx, organisationId);
		await audit(tx, { event: 'member_removed', actorId, subjectId: targetUserId, ip: ctx.ip, detail: { organisationId, role: targetRole } });
		return ok();
	});
}

/**
 * Hands ownership to another member: they become an owner and the actor a leader, in one
 * transaction, so the organisation is never without an owner.
 */
export async function transferOwnership(
	db: DbOrTx,
	actor: Actor,
	organisationId: string,
	targetUserId: string,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<Result> {
	if (!actor || !isUuid(organisationId)) return notFound();
	const actorId = actor.id;
	return db.transaction(async (tx): Promise<Result> => {
		const change = await memberChange(tx, actor, organisationId, targetUserId, 'organisation:transfer');
		if (!change.ok) return change;
		await tx
			.update(membership)
			.set({ role: 'owner' })
			.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, targetUserId)));
		await tx
			.update(membership)
			.set({ role: 'leader' })
			.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, actorId)));
		await assertHasOwner(tx, organisationId);
		await audit(tx, { event: 'ownership_transferred', actorId, subjectId: targetUserId, ip: ctx.ip, detail: { organisationId } });
		return ok();
	});
}

/**
 * The organisations in which the user is the only owner. Account deletion must ask for these to be
 * handed over first: the membership would go with the account and leave them without an owner.
 */
export async function organisationsOnlyOwnedBy(db: DbOrTx, userId: string): Promise<{ id: string; name: string }[]> {
	if (!isUuid(userId)) return [];
	const owners = db
		.select({ organisationId: membership.organisationId, owners: count().as('owners') })
		.from(membership)
		.where(eq(membership.role, 'owner'))
		.groupBy(membership.organisationId)
		.as('owners');
	return db
		.select({ id: organisation.id, name: organisation.name })
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.innerJoin(owners, eq(owners.organisationId, membership.organisationId))
		.where(and(eq(membership.userId, userId), eq(membership.role, 'owner'), eq(owners.owners, 1)))
		.orderBy(asc(organisation.name));
}

import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import { hashToken, newToken } from '../accounts/tokens.ts';
import { audit } from '../audit/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { invitation, membership, organisation } from '../db/schema/organisations.ts';
import { sendMail } from '../mail/index.ts';
import { canInOrganisation, canInvite, canRemoveMember, isOrganisationRole, type InvitableRole, type OrganisationRole } from '../policies/index.ts';
import { hit, LIMITS } from '../ratelimit/index.ts';

// Every function here takes the acting user's id and checks access itself, so a form action, an
// endpoint, a script and a test all get the same answer. Someone who is not a member learns
// nothing: they get 'not_found' (or undefined), exactly as for an organisation that does not exist.

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs and forms: anything that is not a UUID cannot match (and must not reach a uuid cast). */
function isUuid(value: string): boolean {
	return UUID.test(value);
}

/** The stored id of an invitation link's token (overlong input cut, it can only fail to match). */
function invitationId(token: string): string {
	return hashToken(token.slice(0, 100));
}

/** The actor's role in the organisation, or undefined if they are not a member (or it does not exist). */
async function roleOf(db: DbOrTx, organisationId: string, userId: string): Promise<OrganisationRole | undefined> {
	if (!isUuid(organisationId) || !isUuid(userId)) return undefined;
	const [row] = await db
		.select({ role: membership.role })
		.from(membership)
		.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)));
	return row && isOrganisationRole(row.role) ? row.role : undefined;
}

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
	actorId: string,
	input: OrganisationInput,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<{ id: string }> {
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
		return { id: created!.id };
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
};

/** The organisation as its member sees it, or undefined for anyone else (so a route can 404). */
export async function getOrganisationForMember(
	db: DbOrTx,
	actorId: string,
	organisationId: string
): Promise<OrganisationForMember | undefined> {
	if (!isUuid(organisationId) || !isUuid(actorId)) return undefined;
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
		.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, actorId)));
	if (!row || !isOrganisationRole(row.role)) return undefined;
	return { ...row, role: row.role };
}

/** The organisations the actor belongs to, by name, with their role in each. */
export async function listMyOrganisations(db: DbOrTx, actorId: string) {
	return db
		.select({ id: organisation.id, name: organisation.name, sector: organisation.sector, country: organisation.country, role: membership.role })
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(eq(membership.userId, actorId))
		.orderBy(asc(organisation.name), asc(organisation.id));
}

export type Member = { userId: string; displayName: string; role: OrganisationRole; joinedAt: Date };

const ROLE_ORDER: Record<OrganisationRole, number> = { owner: 0, leader: 1, member: 2 };

/** The members of an organisation (owners first), for its members only; undefined for anyone else. */
export async function listMembers(db: DbOrTx, actorId: string, organisationId: string): Promise<Member[] | undefined> {
	if (!canInOrganisation(await roleOf(db, organisationId, actorId), 'organisation:members')) return undefined;
	const rows = await db
		.select({ userId: membership.userId, displayName: user.displayName, role: membership.role, joinedAt: membership.joinedAt })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.organisationId, organisationId))
		.orderBy(asc(user.displayName), asc(membership.userId));
	return rows
		.filter((r): r is Member => isOrganisationRole(r.role))
		.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}

/** Invitations that can still be accepted, for owners and leaders; undefined for anyone else. */
export async function listPendingInvitations(db: DbOrTx, actorId: string, organisationId: string) {
	if (!canInOrganisation(await roleOf(db, organisationId, actorId), 'organisation:invitations')) return undefined;
	return db
		.select({ id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, createdAt: invitation.createdAt })
		.from(invitation)
		.where(and(eq(invitation.organisationId, organisationId), pending()))
		.orderBy(asc(invitation.createdAt), asc(invitation.id));
}

/** An invitation that is neither used, declined, revoked nor expired. */
function pending() {
	return and(isNull(invitation.acceptedAt), isNull(invitation.declinedAt), isNull(invitation.revokedAt), gt(invitation.expiresAt, sql`now()`));
}

export type InviteResult = 'ok' | 'not_found' | 'forbidden' | 'already_member' | 'rate_limited';

/**
 * Mails an invitation link (valid for 7 days) to an address: owners may invite members and
 * leaders, leaders members. The mail is in the invitee's language if they have an account, else
 * in the inviter's. A new invitation to the same address replaces the earlier one.
 */
export async function invite(
	db: DbOrTx,
	actorId: string,
	organisationId: string,
	input: { email: string; role: InvitableRole },
	ctx: OrganisationContext
): Promise<InviteResult> {
	const role = await roleOf(db, organisationId, actorId);
	if (!role) return 'not_found';
	if (!canInvite(role, input.role)) return 'forbidden';
	const email = input.email.trim().toLowerCase();
	const [already] = await db
		.select({ id: user.id })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.organisationId, organisationId), eq(user.email, email)));
	if (already) return 'already_member';
	if (!(await hit(db, LIMITS.mailPerAddress, email))) return 'rate_limited';

	const [inviter] = await db.select({ displayName: user.displayName, locale: user.locale }).from(user).where(eq(user.id, actorId));
	const [invitee] = await db.select({ locale: user.locale }).from(user).where(eq(user.email, email));
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
			name: '',
			link: `${ctx.origin}/${locale}/invitations/${token}`,
			invitation: { organisation: org!.name, inviter: inviter!.displayName, role: input.role }
		});
		await audit(tx, { event: 'invitation_sent', actorId, ip: ctx.ip, detail: { organisationId, invitationId: id, role: input.role } });
	});
	return 'ok';
}

/** Withdraws a pending invitation (by its stored id, as listed to owners and leaders). */
export async function revokeInvitation(
	db: DbOrTx,
	actorId: string,
	organisationId: string,
	invitationIdValue: string,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<'ok' | 'not_found' | 'forbidden' | 'invitation_not_found'> {
	const role = await roleOf(db, organisationId, actorId);
	if (!role) return 'not_found';
	if (!canInOrganisation(role, 'organisation:invitations')) return 'forbidden';
	const revoked = await db
		.update(invitation)
		.set({ revokedAt: sql`now()` })
		.where(and(eq(invitation.id, invitationIdValue.slice(0, 100)), eq(invitation.organisationId, organisationId), pending()))
		.returning({ id: invitation.id });
	if (revoked.length === 0) return 'invitation_not_found';
	await audit(db, { event: 'invitation_revoked', actorId, ip: ctx.ip, detail: { organisationId, invitationId: revoked[0]!.id } });
	return 'ok';
}

export type InvitationView =
	| { status: 'valid'; organisationId: string; organisationName: string; role: string; inviterName: string | null; expiresAt: Date }
	| { status: 'wrong_email' }
	| { status: 'invalid' };

/**
 * What the signed-in actor may learn from an invitation link: its particulars only if it is
 * pending and was sent to their address. Anyone else learns only that it does not work for them.
 */
export async function getInvitation(db: DbOrTx, actorId: string, token: string): Promise<InvitationView> {
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
	if (!row) return { status: 'invalid' };
	if (!(await emailMatches(db, actorId, row.email))) return { status: 'wrong_email' };
	const [inviter] = row.invitedBy
		? await db.select({ displayName: user.displayName }).from(user).where(eq(user.id, row.invitedBy))
		: [];
	return {
		status: 'valid',
		organisationId: row.organisationId,
		organisationName: row.organisationName,
		role: row.role,
		inviterName: inviter?.displayName ?? null,
		expiresAt: row.expiresAt
	};
}

/** Whether the actor's account address is the invited one (case does not matter). */
async function emailMatches(db: DbOrTx, actorId: string, invitedEmail: string): Promise<boolean> {
	if (!isUuid(actorId)) return false;
	const [me] = await db.select({ email: user.email }).from(user).where(eq(user.id, actorId));
	return !!me && me.email.trim().toLowerCase() === invitedEmail.trim().toLowerCase();
}

export type AnswerResult = { ok: true; organisationId: string } | { ok: false; error: 'invalid' | 'wrong_email' };

/**
 * Accepts an invitation: once, before it expires, unless revoked, and only by the account whose
 * address it was sent to. Someone who is already a member keeps their role.
 */
export async function acceptInvitation(db: DbOrTx, actorId: string, token: string, ctx: Pick<OrganisationContext, 'ip'>): Promise<AnswerResult> {
	return answer(db, actorId, token, 'accept', ctx);
}

/** Declines an invitation, with the same conditions as accepting it. */
export async function declineInvitation(db: DbOrTx, actorId: string, token: string, ctx: Pick<OrganisationContext, 'ip'>): Promise<AnswerResult> {
	return answer(db, actorId, token, 'decline', ctx);
}

async function answer(
	db: DbOrTx,
	actorId: string,
	token: string,
	choice: 'accept' | 'decline',
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<AnswerResult> {
	const id = invitationId(token);
	return db.transaction(async (tx): Promise<AnswerResult> => {
		const [row] = await tx.select({ email: invitation.email }).from(invitation).where(and(eq(invitation.id, id), pending()));
		if (!row) return { ok: false, error: 'invalid' };
		// A wrong account does not use the link up: the right person can still answer it.
		if (!(await emailMatches(tx, actorId, row.email))) return { ok: false, error: 'wrong_email' };
		// The condition in the update makes the link single-use even when two answers race.
		const [used] = await tx
			.update(invitation)
			.set(choice === 'accept' ? { acceptedAt: sql`now()` } : { declinedAt: sql`now()` })
			.where(and(eq(invitation.id, id), pending()))
			.returning({ organisationId: invitation.organisationId, role: invitation.role });
		if (!used) return { ok: false, error: 'invalid' };
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
		return { ok: true, organisationId: used.organisationId };
	});
}

/** Leaves an organisation. The only owner cannot leave: they transfer ownership first. */
export async function leave(
	db: DbOrTx,
	actorId: string,
	organisationId: string,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<'ok' | 'not_found' | 'last_owner'> {
	if (!isUuid(organisationId)) return 'not_found';
	return db.transaction(async (tx) => {
		if (!(await lockOrganisation(tx, organisationId))) return 'not_found';
		const role = await roleOf(tx, organisationId, actorId);
		if (!role) return 'not_found';
		if (role === 'owner') {
			const [row] = await tx
				.select({ owners: count() })
				.from(membership)
				.where(and(eq(membership.organisationId, organisationId), eq(membership.role, 'owner')));
			if ((row?.owners ?? 0) <= 1) return 'last_owner';
		}
		await tx.delete(membership).where(and(eq(membership.organisationId, organisationId), eq(membership.userId, actorId)));
		await assertHasOwner(tx, organisationId);
		await audit(tx, { event: 'member_left', actorId, subjectId: actorId, ip: ctx.ip, detail: { organisationId } });
		return 'ok';
	});
}

export type MemberChangeResult = 'ok' | 'not_found' | 'forbidden' | 'member_not_found' | 'self';

/**
 * The checks before the actor changes another member (inside the transaction, after the lock):
 * both roles, or why the change may not happen.
 */
async function memberChange(
	tx: DbOrTx,
	actorId: string,
	organisationId: string,
	targetUserId: string,
	action: 'organisation:remove_member' | 'organisation:transfer'
): Promise<{ role: OrganisationRole; targetRole: OrganisationRole } | { refused: MemberChangeResult }> {
	if (!(await lockOrganisation(tx, organisationId))) return { refused: 'not_found' };
	const role = await roleOf(tx, organisationId, actorId);
	if (!role) return { refused: 'not_found' };
	if (!canInOrganisation(role, action)) return { refused: 'forbidden' };
	if (targetUserId === actorId) return { refused: 'self' };
	const targetRole = await roleOf(tx, organisationId, targetUserId);
	if (!targetRole) return { refused: 'member_not_found' };
	return { role, targetRole };
}

/** Removes a member: owners remove anyone, leaders remove leaders and members but not owners. */
export async function removeMember(
	db: DbOrTx,
	actorId: string,
	organisationId: string,
	targetUserId: string,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<MemberChangeResult> {
	if (!isUuid(organisationId)) return 'not_found';
	return db.transaction(async (tx): Promise<MemberChangeResult> => {
		const change = await memberChange(tx, actorId, organisationId, targetUserId, 'organisation:remove_member');
		if ('refused' in change) return change.refused;
		const { role, targetRole } = change;
		if (!canRemoveMember(role, targetRole)) return 'forbidden';
		await tx.delete(membership).where(and(eq(membership.organisationId, organisationId), eq(membership.userId, targetUserId)));
		await assertHasOwner(tx, organisationId);
		await audit(tx, { event: 'member_removed', actorId, subjectId: targetUserId, ip: ctx.ip, detail: { organisationId, role: targetRole } });
		return 'ok';
	});
}

/**
 * Hands ownership to another member: they become an owner and the actor a leader, in one
 * transaction, so the organisation is never without an owner.
 */
export async function transferOwnership(
	db: DbOrTx,
	actorId: string,
	organisationId: string,
	targetUserId: string,
	ctx: Pick<OrganisationContext, 'ip'>
): Promise<MemberChangeResult> {
	if (!isUuid(organisationId)) return 'not_found';
	return db.transaction(async (tx): Promise<MemberChangeResult> => {
		const change = await memberChange(tx, actorId, organisationId, targetUserId, 'organisation:transfer');
		if ('refused' in change) return change.refused;
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
		return 'ok';
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

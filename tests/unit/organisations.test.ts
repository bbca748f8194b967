import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { invitation, membership } from '../../src/lib/server/db/schema/organisations.ts';
import { auditEvent, mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { ok, problem, type ProblemKind, type Result } from '../../src/lib/server/result/index.ts';
import { LIMITS } from '../../src/lib/server/ratelimit/index.ts';
import {
	acceptInvitation,
	createOrganisation,
	declineInvitation,
	getInvitation,
	getOrganisationForMember,
	invite,
	leave,
	listMembers,
	listMyOrganisations,
	listPendingInvitations,
	organisationsOnlyOwnedBy,
	removeMember,
	revokeInvitation,
	transferOwnership
} from '../../src/lib/server/organisations/service.ts';
import { testDatabases } from '../helpers/db.ts';

const ctx = { ip: '203.0.113.7', origin: 'http://localhost:3000' };
const org = { name: 'Karrieresenteret Vest', sector: 'adult_centre', country: 'NO', languages: ['nb', 'en'], description: 'Guidance for adults.' };
const message = (locale: string, key: string): string => JSON.parse(fs.readFileSync(`messages/${locale}.json`, 'utf8'))[key];

/** A signed-in member of the platform with this id: who is asking. */
const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
/** The value of a result that must have succeeded. */
function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}
/** A refusal of a kind (and message key), as the route shows it. */
const refused = (kind: ProblemKind, key?: string) => ({ ok: false, problem: key ? { kind, key, field: expect.any(String) } : expect.objectContaining({ kind }) });

describe.each(testDatabases())('organisations on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string, locale = 'en'): Promise<string> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale, country: 'NO', sector: 'school', emailVerifiedAt: sql`now()` })
			.returning({ id: user.id });
		return row!.id;
	}

	/** The token in the newest invitation mail to `to`. */
	async function tokenMailedTo(to: string): Promise<string> {
		const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).orderBy(desc(mailOutbox.id)).limit(1);
		return mail!.link!.match(/\/invitations\/([\w-]+)/)![1]!;
	}

	/** An organisation owned by `owner` with `joiner` in it as `role`, through a real invitation. */
	async function withMember(owner: string, joiner: string, role: 'member' | 'leader' = 'member') {
		const { id } = value(await createOrganisation(db, as(owner), org, ctx));
		const [row] = await db.select({ email: user.email }).from(user).where(eq(user.id, joiner));
		expect(await invite(db, as(owner), id, { email: row!.email, role }, ctx)).toEqual(ok());
		expect(await acceptInvitation(db, as(joiner), await tokenMailedTo(row!.email), ctx)).toEqual(ok({ organisationId: id }));
		return id;
	}

	const roleOf = async (organisationId: string, userId: string) =>
		(await db.select().from(membership).where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId))))[0]?.role;

	it('makes the creator the owner and shows the organisation to its members only', async () => {
		const ada = await person('Ada');
		const stranger = await person('Stranger');
		const { id } = value(await createOrganisation(db, as(ada), org, ctx));
		expect(await roleOf(id, ada)).toBe('owner');
		expect(value(await getOrganisationForMember(db, as(ada), id))).toMatchObject({ name: org.name, role: 'owner', languages: ['nb', 'en'] });
		expect(value(await listMyOrganisations(db, as(ada)))).toEqual([expect.objectContaining({ id, name: org.name, role: 'owner' })]);
		expect(value(await listMembers(db, as(ada), id)).map((m) => m.displayName)).toEqual(['Ada']);

		// A stranger learns nothing: no organisation, no members, no invitations, no list entry.
		expect(await getOrganisationForMember(db, as(stranger), id)).toEqual(problem('not_found'));
		expect(await listMembers(db, as(stranger), id)).toEqual(problem('not_found'));
		expect(await listPendingInvitations(db, as(stranger), id)).toEqual(problem('not_found'));
		expect(await listMyOrganisations(db, as(stranger))).toEqual(ok([]));
		// Ids that are not UUIDs are simply not found (no database error).
		expect(await getOrganisationForMember(db, as(ada), 'not-a-uuid')).toEqual(problem('not_found'));
		expect(await leave(db, as(ada), 'not-a-uuid', ctx)).toEqual(problem('not_found'));
		const [event] = await db.select().from(auditEvent).where(eq(auditEvent.event, 'organisation_created'));
		expect(event!.detail).toEqual({ organisationId: id });
	});

	it('mails an invitation in the invitee’s language, or the inviter’s when they have no account', async () => {
		const ada = await person('Ada', 'nb');
		await person('Jana', 'cs');
		const { id } = value(await createOrganisation(db, as(ada), org, ctx));
		expect(await invite(db, as(ada), id, { email: 'Jana@Example.org', role: 'leader' }, ctx)).toEqual(ok());
		expect(await invite(db, as(ada), id, { email: 'newcomer@example.org', role: 'member' }, ctx)).toEqual(ok());

		const [toJana] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'jana@example.org'));
		const subject = (locale: string) => message(locale, 'mail_invitation_subject').replace('{inviter}', 'Ada').replace('{organisation}', org.name);
		expect(toJana!.subject).toBe(subject('cs'));
		expect(toJana!.text).toContain(message('cs', 'org_role_leader'));
		expect(toJana!.link).toContain('http://localhost:3000/cs/invitations/');
		const [toNewcomer] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'newcomer@example.org'));
		expect(toNewcomer!.subject).toBe(subject('nb'));
		expect(toNewcomer!.link).toContain('http://localhost:3000/nb/invitations/');

		// The token is in the mail only; the database keeps its hash.
		const token = await tokenMailedTo('newcomer@example.org');
		const stored = await db.select({ id: invitation.id, email: invitation.email, expiresAt: invitation.expiresAt }).from(invitation);
		expect(stored.map((s) => s.id)).not.toContain(token);
		expect(stored.map((s) => s.email).sort()).toEqual(['jana@example.org', 'newcomer@example.org']);
		const days = (stored[0]!.expiresAt.getTime() - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(6.9);
		expect(days).toBeLessThanOrEqual(7);
		expect(await db.select().from(auditEvent).where(eq(auditEvent.event, 'invitation_sent'))).toHaveLength(2);
		expect(value(await listPendingInvitations(db, as(ada), id)).map((i) => i.email).sort()).toEqual(['jana@example.org', 'newcomer@example.org']);
	});

	it('lets owners invite leaders and members, leaders members only, and members nobody', async () => {
		const ada = await person('Ada');
		const leo = await person('Leo');
		const mia = await person('Mia');
		const stranger = await person('Stranger');
		const id = await withMember(ada, leo, 'leader');
		const [row] = await db.select({ email: user.email }).from(user).where(eq(user.id, mia));
		expect(await invite(db, as(leo), id, { email: 'x@example.org', role: 'leader' }, ctx)).toMatchObject(refused('forbidden'));
		expect(await invite(db, as(leo), id, { email: row!.email, role: 'member' }, ctx)).toEqual(ok());
		expect((await acceptInvitation(db, as(mia), await tokenMailedTo(row!.email), ctx)).ok).toBe(true);
		expect(await roleOf(id, mia)).toBe('member');
		expect(await invite(db, as(mia), id, { email: 'y@example.org', role: 'member' }, ctx)).toMatchObject(refused('forbidden'));
		expect(await listPendingInvitations(db, as(mia), id)).toMatchObject(refused('forbidden'));
		expect(await invite(db, as(stranger), id, { email: 'z@example.org', role: 'member' }, ctx)).toEqual(problem('not_found'));
		expect(await invite(db, as(ada), id, { email: 'MIA@example.org', role: 'member' }, ctx)).toMatchObject(refused('conflict', 'invite_error_already_member'));
		// Nothing was mailed for refused invitations.
		expect(await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'x@example.org'))).toHaveLength(0);
	});

	it('limits invitations per address like every other mail', async () => {
		const ada = await person('Ada');
		const { id } = value(await createOrganisation(db, as(ada), org, ctx));
		const outcomes = [];
		for (let i = 0; i <= LIMITS.mailPerAddress.max; i++) outcomes.push(await invite(db, as(ada), id, { email: 'busy@example.org', role: 'member' }, ctx));
		expect(outcomes.slice(0, LIMITS.mailPerAddress.max).every((o) => o.ok)).toBe(true);
		expect(outcomes.at(-1)).toMatchObject(refused('rate_limited'));
		// Only the newest link works.
		expect(value(await listPendingInvitations(db, as(ada), id))).toHaveLength(1);
	});

	it('accepts an invitation once, only for the invited address (in any case), and a wrong account does not use it up', async () => {
		const ada = await person('Ada');
		const bob = await person('Bob');
		const eve = await person('Eve');
		const { id } = value(await createOrganisation(db, as(ada), org, ctx));
		await invite(db, as(ada), id, { email: 'BOB@Example.ORG', role: 'member' }, ctx);
		const token = await tokenMailedTo('bob@example.org');

		expect(await getInvitation(db, as(eve), token)).toEqual(ok({ status: 'wrong_email' }));
		expect(await acceptInvitation(db, as(eve), token, ctx)).toEqual(refused('forbidden', 'wrong_email'));
		expect(await declineInvitation(db, as(eve), token, ctx)).toEqual(refused('forbidden', 'wrong_email'));
		expect(await getOrganisationForMember(db, as(eve), id)).toEqual(problem('not_found'));

		expect(value(await getInvitation(db, as(bob), token))).toMatchObject({ status: 'valid', organisationName: org.name, role: 'member', inviterName: 'Ada' });
		expect(await acceptInvitation(db, as(bob), token, ctx)).toEqual(ok({ organisationId: id }));
		expect(await roleOf(id, bob)).toBe('member');
		expect(await acceptInvitation(db, as(bob), token, ctx)).toEqual(refused('not_found', 'invalid'));
		expect(await declineInvitation(db, as(bob), token, ctx)).toEqual(refused('not_found', 'invalid'));
		expect(await getInvitation(db, as(bob), token)).toEqual(ok({ status: 'invalid' }));
		expect(await acceptInvitation(db, as(bob), 'made-up-token', ctx)).toEqual(refused('not_found', 'invalid'));
		expect(await listPendingInvitations(db, as(ada), id)).toEqual(ok([]));
	});

	it('refuses expired, revoked and declined invitations', async () => {
		const ada = await person('Ada');
		const bob = await person('Bob');
		const leo = await person('Leo');
		const id = await withMember(ada, leo, 'member');

		await invite(db, as(ada), id, { email: 'bob@example.org', role: 'member' }, ctx);
		const expired = await tokenMailedTo('bob@example.org');
		await db.update(invitation).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invitation.email, 'bob@example.org'));
		expect(await getInvitation(db, as(bob), expired)).toEqual(ok({ status: 'invalid' }));
		expect(await acceptInvitation(db, as(bob), expired, ctx)).toEqual(refused('not_found', 'invalid'));

		await invite(db, as(ada), id, { email: 'bob@example.org', role: 'member' }, ctx);
		const revoked = await tokenMailedTo('bob@example.org');
		const [pending] = value(await listPendingInvitations(db, as(ada), id));
		// A plain member may not withdraw it, a stranger does not even find it.
		expect(await revokeInvitation(db, as(leo), id, pending!.id, ctx)).toMatchObject(refused('forbidden'));
		expect(await revokeInvitation(db, as(bob), id, pending!.id, ctx)).toEqual(problem('not_found'));
		expect(await revokeInvitation(db, as(ada), id, pending!.id, ctx)).toEqual(ok());
		expect(await revokeInvitation(db, as(ada), id, pending!.id, ctx)).toMatchObject(refused('not_found', 'invite_error_gone'));
		expect(await acceptInvitation(db, as(bob), revoked, ctx)).toEqual(refused('not_found', 'invalid'));

		await invite(db, as(ada), id, { email: 'bob@example.org', role: 'member' }, ctx);
		const declined = await tokenMailedTo('bob@example.org');
		expect(await declineInvitation(db, as(bob), declined, ctx)).toEqual(ok({ organisationId: id }));
		expect(await acceptInvitation(db, as(bob), declined, ctx)).toEqual(refused('not_found', 'invalid'));
		expect(await getOrganisationForMember(db, as(bob), id)).toEqual(problem('not_found'));
		expect(await db.select().from(auditEvent).where(eq(auditEvent.event, 'invitation_declined'))).toHaveLength(1);
	});

	it('a newer invitation to the same address replaces the older link', async () => {
		const ada = await person('Ada');
		const bob = await person('Bob');
		const { id } = value(await createOrganisation(db, as(ada), org, ctx));
		await invite(db, as(ada), id, { email: 'bob@example.org', role: 'member' }, ctx);
		const first = await tokenMailedTo('bob@example.org');
		await invite(db, as(ada), id, { email: 'bob@example.org', role: 'leader' }, ctx);
		const second = await tokenMailedTo('bob@example.org');
		expect(await acceptInvitation(db, as(bob), first, ctx)).toEqual(refused('not_found', 'invalid'));
		expect((await acceptInvitation(db, as(bob), second, ctx)).ok).toBe(true);
		expect(await roleOf(id, bob)).toBe('leader');
	});

	it('lets members leave, but never the only owner', async () => {
		const ada = await person('Ada');
		const bob = await person('Bob');
		const stranger = await person('Stranger');
		const id = await withMember(ada, bob);
		expect(await leave(db, as(ada), id, ctx)).toMatchObject(refused('conflict', 'org_error_last_owner'));
		expect(await roleOf(id, ada)).toBe('owner');
		expect(await leave(db, as(stranger), id, ctx)).toEqual(problem('not_found'));
		expect(await leave(db, as(bob), id, ctx)).toEqual(ok());
		expect(await getOrganisationForMember(db, as(bob), id)).toEqual(problem('not_found'));
		expect(await listMyOrganisations(db, as(bob))).toEqual(ok([]));
		expect(await leave(db, as(bob), id, ctx)).toEqual(problem('not_found'));
	});

	it('lets owners and leaders remove members, but leaders never an owner', async () => {
		const ada = await person('Ada');
		const leo = await person('Leo');
		const mia = await person('Mia');
		const noa = await person('Noa');
		const stranger = await person('Stranger');
		const id = await withMember(ada, leo, 'leader');
		const [miaRow] = await db.select({ email: user.email }).from(user).where(eq(user.id, mia));
		await invite(db, as(ada), id, { email: miaRow!.email, role: 'member' }, ctx);
		await acceptInvitation(db, as(mia), await tokenMailedTo(miaRow!.email), ctx);

		expect(await removeMember(db, as(stranger), id, mia, ctx)).toEqual(problem('not_found'));
		expect(await removeMember(db, as(mia), id, leo, ctx)).toMatchObject(refused('forbidden'));
		expect(await removeMember(db, as(leo), id, ada, ctx)).toMatchObject(refused('forbidden'));
		expect(await removeMember(db, as(leo), id, leo, ctx)).toMatchObject(refused('invalid', 'org_error_self'));
		expect(await removeMember(db, as(leo), id, noa, ctx)).toMatchObject(refused('not_found', 'org_error_member_gone'));
		expect(await removeMember(db, as(leo), id, 'not-a-uuid', ctx)).toMatchObject(refused('not_found', 'org_error_member_gone'));
		expect(await removeMember(db, as(leo), id, mia, ctx)).toEqual(ok());
		expect(await roleOf(id, mia)).toBeUndefined();
		expect(await removeMember(db, as(ada), id, leo, ctx)).toEqual(ok());
		expect(value(await listMembers(db, as(ada), id)).map((m) => m.displayName)).toEqual(['Ada']);
		const [event] = await db.select().from(auditEvent).where(eq(auditEvent.event, 'member_removed')).orderBy(desc(auditEvent.id)).limit(1);
		expect(event).toMatchObject({ actorId: ada, subjectId: leo });
	});

	it('transfers ownership in one step: the new owner owns, the old one leads, and there is always an owner', async () => {
		const ada = await person('Ada');
		const bob = await person('Bob');
		const stranger = await person('Stranger');
		const id = await withMember(ada, bob);
		expect(await transferOwnership(db, as(bob), id, ada, ctx)).toMatchObject(refused('forbidden'));
		expect(await transferOwnership(db, as(stranger), id, bob, ctx)).toEqual(problem('not_found'));
		expect(await transferOwnership(db, as(ada), id, ada, ctx)).toMatchObject(refused('invalid', 'org_error_self'));
		expect(await transferOwnership(db, as(ada), id, stranger, ctx)).toMatchObject(refused('not_found', 'org_error_member_gone'));
		expect(await roleOf(id, ada)).toBe('owner');

		expect(await transferOwnership(db, as(ada), id, bob, ctx)).toEqual(ok());
		expect(await roleOf(id, bob)).toBe('owner');
		expect(await roleOf(id, ada)).toBe('leader');
		// The former owner has lost the owner's rights and may now leave; the new one may not.
		expect(await transferOwnership(db, as(ada), id, bob, ctx)).toMatchObject(refused('forbidden'));
		expect(await leave(db, as(bob), id, ctx)).toMatchObject(refused('conflict', 'org_error_last_owner'));
		expect(await leave(db, as(ada), id, ctx)).toEqual(ok());
		const owners = await db.select().from(membership).where(and(eq(membership.organisationId, id), eq(membership.role, 'owner')));
		expect(owners.map((o) => o.userId)).toEqual([bob]);
	});

	it('keeps an owner when two owners leave at the same moment', async () => {
		const ada = await person('Ada');
		const bob = await person('Bob');
		const id = await withMember(ada, bob);
		await db.update(membership).set({ role: 'owner' }).where(eq(membership.userId, bob));
		const results = await Promise.all([leave(db, as(ada), id, ctx), leave(db, as(bob), id, ctx)]);
		expect(results.map((r) => (r.ok ? 'ok' : r.problem.key)).sort()).toEqual(['ok', 'org_error_last_owner']);
		const owners = await db.select().from(membership).where(and(eq(membership.organisationId, id), eq(membership.role, 'owner')));
		expect(owners).toHaveLength(1);
	});

	it('names the organisations a user owns alone, which account deletion must hand over first', async () => {
		const ada = await person('Ada');
		const bob = await person('Bob');
		const id = await withMember(ada, bob);
		const { id: shared } = value(await createOrganisation(db, as(ada), { ...org, name: 'Shared' }, ctx));
		await db.insert(membership).values({ organisationId: shared, userId: bob, role: 'owner' });
		expect(await organisationsOnlyOwnedBy(db, ada)).toEqual([{ id, name: org.name }]);
		expect(await organisationsOnlyOwnedBy(db, bob)).toEqual([]);
	});

	it('removes memberships with the account', async () => {
		const ada = await person('Ada');
		const bob = await person('Bob');
		const id = await withMember(ada, bob);
		await db.delete(user).where(eq(user.id, bob));
		expect(value(await listMembers(db, as(ada), id)).map((m) => m.displayName)).toEqual(['Ada']);
	});
});

import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client.ts';
import { auditEvent, mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import { session as sessionTable, user as userTable } from '../../src/lib/server/db/schema/accounts.ts';
import { setDisabled } from '../../src/lib/server/accounts/admin.ts';
import { deleteAccount } from '../../src/lib/server/platform/personal-data.ts';
import { getProfile, getPublicProfile, updateProfile } from '../../src/lib/server/accounts/profile.ts';
import { hit, LIMITS } from '../../src/lib/server/ratelimit/index.ts';
import { can, needsSecondFactor, type Actor } from '../../src/lib/server/policies/index.ts';
import { passwordProblem } from '../../src/lib/server/accounts/passwords.ts';
import {
	confirmEmailChange,
	requestEmailChange,
	requestPasswordReset,
	resetPassword,
	signIn,
	signUp,
	verifyEmail
} from '../../src/lib/server/accounts/service.ts';
import { validateSession } from '../../src/lib/server/accounts/sessions.ts';
import { createOrganisation, organisationsOnlyOwnedBy } from '../../src/lib/server/organisations/service.ts';
import { member } from '../helpers/actors.ts';
import { testDatabases } from '../helpers/db.ts';

const ctx = { ip: '203.0.113.9', origin: 'http://localhost:3000', device: 'Firefox · Linux', locale: 'en' as const };
const person = { displayName: 'Ola', email: 'ola@example.org', password: 'a long enough passphrase', locale: 'nb' as const, country: 'NO', sector: 'school' };

/** The signed-in owner of an account, as the policy sees them. */
const owner = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });

function linkIn(text: string): string {
	return text.match(/\/(?:verify-email|reset-password)\/([\w-]+)/)![1]!;
}

describe('policy layer', () => {
	const actor = (role: string, totp = false, verified = false): Actor => ({
		id: 'x',
		role,
		emailVerified: true,
		totpEnabled: totp,
		secondFactorVerified: verified
	});
	it('gives nobody anything when signed out', () => {
		expect(can(null, 'account:use')).toBe(false);
		expect(can(null, 'admin:outbox')).toBe(false);
	});
	it('lets members use their account and nothing more', () => {
		expect(can(actor('member'), 'account:use')).toBe(true);
		expect(can(actor('member'), 'admin:outbox')).toBe(false);
		expect(can(actor('member', true, true), 'content:edit')).toBe(false);
	});
	it('holds back admin and editor rights until the second factor is used in this session', () => {
		expect(can(actor('admin'), 'admin:outbox')).toBe(false);
		expect(needsSecondFactor(actor('admin'))).toBe(true);
		expect(can(actor('admin', true, false), 'admin:outbox')).toBe(false);
		expect(can(actor('admin', true, true), 'admin:outbox')).toBe(true);
		expect(can(actor('editor', true, true), 'content:edit')).toBe(true);
		expect(can(actor('editor', true, true), 'admin:users')).toBe(false);
	});
});

describe('passwords', () => {
	it('needs 8 characters and refuses common passwords, without composition rules', () => {
		expect(passwordProblem('short')).toBe('password_too_short');
		expect(passwordProblem('password1')).toBe('password_common');
		expect(passwordProblem('iloveyou2')).toBe('password_common');
		expect(passwordProblem('correct horse battery')).toBeUndefined();
		expect(passwordProblem('a'.repeat(300))).toBe('password_too_long');
	});
});

describe.each(testDatabases())('accounts on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	it('rate limits count per subject inside the window and are shared through the database', async () => {
		const limit = { name: 'test', max: 3, windowSeconds: 60 };
		const results = [];
		for (let i = 0; i < 5; i++) results.push(await hit(database.db, limit, 'Someone@Example.org'));
		expect(results).toEqual([true, true, true, false, false]);
		expect(await hit(database.db, limit, 'other@example.org')).toBe(true);
	});

	it('signs up, refuses sign-in until verified, verifies once, and signs in with a database session', async () => {
		expect(await signUp(database.db, person, ctx)).toBe('ok');
		expect(await signIn(database.db, person.email, person.password, ctx)).toEqual({ ok: false, error: 'not_verified' });
		const [mail] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, person.email));
		// In the language the person chose, not the one of the page.
		expect(mail!.subject).toBe(JSON.parse(fs.readFileSync('messages/nb.json', 'utf8')).mail_verify_subject);
		const token = linkIn(mail!.link!);
		expect(await verifyEmail(database.db, token, ctx.ip)).toBe(true);
		expect(await verifyEmail(database.db, token, ctx.ip)).toBe(false);

		const result = await signIn(database.db, person.email, person.password, ctx);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const [stored] = await database.db.select().from(sessionTable);
		expect(stored!.id).not.toContain(result.token);
		expect(stored!.id).toMatch(/^[0-9a-f]{64}$/);
		expect((await validateSession(database.db, result.token))?.user.email).toBe(person.email);
	});

	it('answers a second sign-up with the same address like the first, and tells the owner by mail', async () => {
		await signUp(database.db, person, ctx);
		expect(await signUp(database.db, { ...person, displayName: 'Impostor' }, ctx)).toBe('ok');
		const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, person.email));
		expect(mails).toHaveLength(2);
	});

	it('limits sign-up per address of origin', async () => {
		const outcomes = [];
		for (let i = 0; i < 6; i++) outcomes.push(await signUp(database.db, { ...person, email: `p${i}@example.org` }, ctx));
		expect(outcomes.slice(0, 5).every((o) => o === 'ok')).toBe(true);
		expect(outcomes[5]).toBe('rate_limited');
	});

	it('a password reset ends every session and the link works once', async () => {
		await signUp(database.db, person, ctx);
		const [verify] = await database.db.select().from(mailOutbox);
		await verifyEmail(database.db, linkIn(verify!.link!), ctx.ip);
		const first = await signIn(database.db, person.email, person.password, ctx);
		expect(first.ok).toBe(true);
		await requestPasswordReset(database.db, person.email, ctx);
		const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, person.email)).orderBy(mailOutbox.id);
		const token = linkIn(mails.at(-1)!.link!);
		expect(await resetPassword(database.db, token, 'another long passphrase', ctx.ip)).toBe(true);
		expect(await resetPassword(database.db, token, 'yet another passphrase', ctx.ip)).toBe(false);
		if (first.ok) expect(await validateSession(database.db, first.token)).toBeNull();
		expect((await signIn(database.db, person.email, 'another long passphrase', ctx)).ok).toBe(true);
	});

	it('limits sign-in attempts per account, whether or not the account exists', async () => {
		for (const email of ['ghost@example.org', person.email]) {
			const outcomes = [];
			for (let i = 0; i < 6; i++) outcomes.push(await signIn(database.db, email, 'wrong password!', ctx));
			expect(outcomes.slice(0, 5).map((o) => (o.ok ? 'ok' : o.error))).toEqual(Array(5).fill('invalid'));
			expect(outcomes[5]).toEqual({ ok: false, error: 'rate_limited' });
		}
		expect(LIMITS.signInPerAccount.max).toBe(5);
	});

	it('limits failed sign-ins per IP address, but not successful ones', async () => {
		await signUp(database.db, person, ctx);
		const [verify] = await database.db.select().from(mailOutbox);
		await verifyEmail(database.db, linkIn(verify!.link!), ctx.ip);
		for (let i = 0; i < 8; i++) expect((await signIn(database.db, person.email, person.password, ctx)).ok).toBe(true);
		for (let i = 0; i < LIMITS.signInFailuresPerIp.max; i++) {
			expect(await signIn(database.db, `guess${i}@example.org`, 'wrong password!', ctx)).toEqual({ ok: false, error: 'invalid' });
		}
		expect(await signIn(database.db, person.email, person.password, ctx)).toEqual({ ok: false, error: 'rate_limited' });
		expect((await signIn(database.db, person.email, person.password, { ...ctx, ip: '198.51.100.7' })).ok).toBe(true);
	});
});

describe.each(testDatabases())('account changes on $name', ({ open }) => {
	let database: Database;
	let userId: string;
	beforeEach(async () => {
		database = await open();
		await signUp(database.db, person, ctx);
		const [verify] = await database.db.select().from(mailOutbox);
		await verifyEmail(database.db, linkIn(verify!.link!), ctx.ip);
		const [row] = await database.db.select().from(userTable);
		userId = row!.id;
	});
	afterEach(async () => {
		await database.close();
	});

	it('changes the address only through the link sent to the new one, and only with the password', async () => {
		expect(await requestEmailChange(database.db, owner(userId), 'new@example.org', 'wrong password', ctx)).toEqual({ ok: false, problem: { kind: 'invalid', field: 'current', key: 'wrong_current_password' } });
		expect(await requestEmailChange(database.db, null, 'new@example.org', person.password, ctx)).toEqual({ ok: false, problem: { kind: 'forbidden' } });
		expect(await requestEmailChange(database.db, owner(userId), 'new@example.org', person.password, ctx)).toEqual({ ok: true, value: null });
		const [mail] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'new@example.org'));
		const token = mail!.link!.match(/\/confirm-email\/([\w-]+)/)![1]!;
		expect(await confirmEmailChange(database.db, token, ctx.ip)).toBe(true);
		expect(await confirmEmailChange(database.db, token, ctx.ip)).toBe(false);
		expect((await signIn(database.db, 'new@example.org', person.password, ctx)).ok).toBe(true);
	});

	it('a disabled account is signed out everywhere and cannot sign in', async () => {
		const first = await signIn(database.db, person.email, person.password, ctx);
		if (!first.ok) throw new Error('sign-in failed');
		const [admin] = await database.db
			.insert(userTable)
			.values({ email: 'admin@example.org', displayName: 'A', locale: 'en', country: 'NO', sector: 'other', role: 'admin' })
			.returning();
		const as = (id: string, role: string): Actor => ({ id, role, emailVerified: true, totpEnabled: true, secondFactorVerified: true });
		// Nobody changes their own access; only an admin (with a second factor used) changes others'.
		expect(await setDisabled(database.db, as(userId, 'member'), userId, true, ctx.ip)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await setDisabled(database.db, as(admin!.id, 'admin'), admin!.id, true, ctx.ip)).toMatchObject({ ok: false, problem: { key: 'admin_users_not_self' } });
		expect(await setDisabled(database.db, as(admin!.id, 'admin'), userId, true, ctx.ip)).toEqual({ ok: true, value: null });
		expect(await validateSession(database.db, first.token)).toBeNull();
		expect(await signIn(database.db, person.email, person.password, ctx)).toEqual({ ok: false, error: 'invalid' });
	});

	it('deleting the account removes personal data, keeps the security log without IP addresses', async () => {
		expect(await deleteAccount(database.db, null, person.password)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await deleteAccount(database.db, member(userId), 'wrong password')).toMatchObject({ ok: false, problem: { field: 'current', key: 'wrong_current_password' } });
		expect(await database.db.select().from(userTable)).toHaveLength(1);
		expect(await deleteAccount(database.db, member(userId), person.password)).toEqual({ ok: true, value: null });
		expect(await database.db.select().from(userTable)).toEqual([]);
		expect(await database.db.select().from(mailOutbox)).toEqual([]);
		const events = await database.db.select().from(auditEvent);
		expect(events.length).toBeGreaterThan(0);
		expect(events.every((e) => e.ip === null)).toBe(true);
		// The address can be used again.
		expect(await signUp(database.db, person, { ...ctx, ip: '198.51.100.1' })).toBe('ok');
	});

	it('an only owner hands their organisations over before the account can go', async () => {
		const created = await createOrganisation(
			database.db,
			{ id: userId, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false },
			{ name: 'Karrieresenteret', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' },
			{ ip: ctx.ip }
		);
		if (!created.ok) throw new Error('organisation not created');
		const { id } = created.value;
		const result = await deleteAccount(database.db, member(userId), person.password);
		expect(result).toMatchObject({ ok: false, problem: { kind: 'conflict', key: 'delete_sole_owner' } });
		expect(await organisationsOnlyOwnedBy(database.db, userId)).toEqual([{ id, name: 'Karrieresenteret' }]);
		expect(await database.db.select().from(userTable)).toHaveLength(1);
	});

	it('only the owner of a visible profile shows it to other members', async () => {
		expect(await getPublicProfile(database.db, userId)).toBeUndefined();
		const ola: Actor = { id: userId, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
		const profile = await getProfile(database.db, ola);
		if (!profile.ok) throw new Error('no profile');
		expect(await updateProfile(database.db, ola, { ...profile.value, profileVisible: true, bio: 'Hello' })).toEqual({ ok: true, value: null });
		expect(await updateProfile(database.db, null, { ...profile.value, bio: 'Hijacked' })).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await getPublicProfile(database.db, userId)).toMatchObject({ displayName: 'Ola', bio: 'Hello' });
		expect(await getPublicProfile(database.db, 'not-a-uuid')).toBeUndefined();
	});
});

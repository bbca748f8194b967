// Issue 16, defect 7: the session token changes after a privilege change. When an administrator
// gives someone a new role, each of that person's sessions gets a new token at its next request;
// the old token opens the session for one more minute (requests already on their way), and is
// then worth nothing.
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeRole } from '../../src/lib/server/accounts/admin.ts';
import { signIn, signUp } from '../../src/lib/server/accounts/service.ts';
import { endSession, validateSession } from '../../src/lib/server/accounts/sessions.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { session, user as userTable } from '../../src/lib/server/db/schema/accounts.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { testDatabases } from '../helpers/db.ts';

const ctx = { ip: '203.0.113.9', origin: 'http://localhost:3000', device: 'Firefox · Linux', locale: 'en' as const };
const person = { displayName: 'Ola', email: 'ola@example.org', password: 'a long enough passphrase', locale: 'en' as const, country: 'NO', sector: 'school' };
const admin: Actor = { id: '00000000-0000-4000-8000-000000000001', role: 'admin', emailVerified: true, totpEnabled: true, secondFactorVerified: true };

describe.each(testDatabases())('session rotation on $name', ({ open }) => {
	let database: Database;
	let userId: string;
	let token: string;
	beforeEach(async () => {
		database = await open();
		await signUp(database.db, person, ctx);
		const [row] = await database.db.update(userTable).set({ emailVerifiedAt: sql`now()` }).returning();
		userId = row!.id;
		const signedIn = await signIn(database.db, person.email, person.password, ctx);
		if (!signedIn.ok) throw new Error('sign-in failed');
		token = signedIn.token;
	});
	afterEach(async () => {
		await database.close();
	});

	it('gives the session a new token at the next request after a role change', async () => {
		expect((await validateSession(database.db, token))?.renewed).toBeUndefined();
		expect(await changeRole(database.db, admin, userId, 'facilitator', ctx.ip)).toEqual({ ok: true, value: { changed: true } });

		const first = await validateSession(database.db, token);
		expect(first?.user.role).toBe('facilitator');
		expect(first?.renewed).toMatch(/\S{20,}/);
		const renewed = first!.renewed!;
		expect(renewed).not.toBe(token);

		// A request that was already on its way with the old token still gets in, leaves the cookie alone
		// and does not rotate again.
		const late = await validateSession(database.db, token);
		expect(late).toMatchObject({ keep: true, user: { role: 'facilitator' } });
		expect(late?.renewed).toBeUndefined();
		expect(await validateSession(database.db, renewed)).toMatchObject({ user: { role: 'facilitator' } });
		expect((await validateSession(database.db, renewed))?.renewed).toBeUndefined();

		// A minute later the old token is worth nothing.
		await database.db.update(session).set({ rotatedAt: sql`now() - interval '61 seconds'` }).where(eq(session.userId, userId));
		expect(await validateSession(database.db, token)).toBeNull();
		expect(await validateSession(database.db, renewed)).not.toBeNull();
	});

	it('does not rotate when nothing changed, and signing out with the old token ends the session', async () => {
		expect(await changeRole(database.db, admin, userId, 'member', ctx.ip)).toEqual({ ok: true, value: { changed: false } });
		expect((await validateSession(database.db, token))?.renewed).toBeUndefined();

		await changeRole(database.db, admin, userId, 'editor', ctx.ip);
		const renewed = (await validateSession(database.db, token))!.renewed!;
		await endSession(database.db, token);
		expect(await validateSession(database.db, renewed)).toBeNull();
	});
});

// Issue 16, defect 7: a TOTP code was accepted in two sessions, and the session kept its token
// after the second factor.
import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user as userTable } from '../../src/lib/server/db/schema/accounts.ts';
import { signIn, signUp } from '../../src/lib/server/accounts/service.ts';
import { validateSession } from '../../src/lib/server/accounts/sessions.ts';
import { confirmTotp, startTotpSetup, verifySecondFactor } from '../../src/lib/server/accounts/totp.ts';
import { member as owner } from '../helpers/actors.ts';
import { testDatabases } from '../helpers/db.ts';

const ctx = { ip: '203.0.113.9', origin: 'http://localhost:3000', device: 'Firefox · Linux', locale: 'en' as const };
const person = { displayName: 'Ola', email: 'ola@example.org', password: 'a long enough passphrase', locale: 'en' as const, country: 'NO', sector: 'school' };

describe.each(testDatabases())('two-step sign-in on $name', ({ open }) => {
	let database: Database;
	let userId: string;
	let secret: string;
	const code = (offsetSteps = 0) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
	const signInAgain = async () => {
		const result = await signIn(database.db, person.email, person.password, ctx);
		if (!result.ok) throw new Error('sign-in failed');
		const current = await validateSession(database.db, result.token);
		return { token: result.token, id: current!.id };
	};

	beforeEach(async () => {
		database = await open();
		await signUp(database.db, person, ctx);
		const [row] = await database.db.update(userTable).set({ emailVerifiedAt: sql`now()` }).returning();
		userId = row!.id;
		const first = await signInAgain();
		const setup = await startTotpSetup(database.db, owner(userId));
		if (!setup.ok) throw new Error('setup refused');
		secret = setup.value.secret;
		// Turned on with the code of the step before, so the current one is still unused.
		expect(await confirmTotp(database.db, owner(userId), code(-1), { ip: ctx.ip, sessionId: first.id })).toMatchObject({ ok: true });
	});
	afterEach(async () => {
		await database.close();
	});

	it('accepts a code once: the same code does not open a second session', async () => {
		const [a, b] = [await signInAgain(), await signInAgain()];
		const now = code();
		const first = await verifySecondFactor(database.db, userId, now, { ip: ctx.ip, sessionId: a.id, email: person.email });
		expect(first).toMatchObject({ ok: true });
		expect(await verifySecondFactor(database.db, userId, now, { ip: ctx.ip, sessionId: b.id, email: person.email })).toBe('wrong');
		// Nor does an older code, still inside the drift window.
		expect(await verifySecondFactor(database.db, userId, code(-1), { ip: ctx.ip, sessionId: b.id, email: person.email })).toBe('wrong');
	});

	it('gives the session a new token once the second factor is passed', async () => {
		const a = await signInAgain();
		const result = await verifySecondFactor(database.db, userId, code(), { ip: ctx.ip, sessionId: a.id, email: person.email });
		if (typeof result === 'string') throw new Error(result);
		expect(result.session.token).not.toBe(a.token);
		expect(await validateSession(database.db, a.token)).toBeNull();
		expect((await validateSession(database.db, result.session.token))?.secondFactorVerified).toBe(true);
	});
});

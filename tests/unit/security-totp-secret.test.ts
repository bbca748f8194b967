// Issue 16, defect 7 (secrets at rest): TOTP secrets were stored in clear.
import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user as userTable } from '../../src/lib/server/db/schema/accounts.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { openTotpSecret, sealTotpSecret } from '../../src/lib/server/accounts/totp-secret.ts';
import { signIn, signUp } from '../../src/lib/server/accounts/service.ts';
import { validateSession } from '../../src/lib/server/accounts/sessions.ts';
import { startTotpSetup, verifySecondFactor } from '../../src/lib/server/accounts/totp.ts';
import { member as owner } from '../helpers/actors.ts';
import { testDatabases } from '../helpers/db.ts';

// config() is read once, at first use (after this line): secrets in this file are sealed.
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
process.env.TOTP_KEYS = `${newKey.toString('base64')},${oldKey.toString('base64')}`;

const ctx = { ip: '203.0.113.9', origin: 'http://localhost:3000', device: 'Firefox · Linux', locale: 'en' as const };
const person = { displayName: 'Ola', email: 'ola@example.org', password: 'a long enough passphrase', locale: 'en' as const, country: 'NO', sector: 'school' };
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('sealed TOTP secrets', () => {
	it('open with any listed key for the same user only, and read a secret stored before encryption', () => {
		const sealed = sealTotpSecret(SECRET, 'user-a', [oldKey]);
		expect(sealed).not.toContain(SECRET);
		expect(openTotpSecret(sealed, 'user-a', [newKey, oldKey])).toBe(SECRET);
		expect(() => openTotpSecret(sealed, 'user-b', [newKey, oldKey])).toThrow();
		expect(() => openTotpSecret(sealed, 'user-a', [newKey])).toThrow(/not in TOTP_KEYS/);
		expect(openTotpSecret(SECRET, 'user-a', [newKey])).toBe(SECRET);
	});

	it('take TOTP_KEYS as base64 keys of 32 bytes, refused otherwise without showing them', () => {
		expect(loadConfig({ TOTP_KEYS: newKey.toString('base64') }).totpKeys).toHaveLength(1);
		expect(() => loadConfig({ TOTP_KEYS: 'short' })).toThrowError(/^Invalid TOTP_KEYS="\*\*\*": must be one or more/);
	});
});

describe.each(testDatabases())('TOTP secrets at rest on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	it('are stored sealed, and one sealed under the old key is sealed again at the next sign-in', async () => {
		await signUp(database.db, person, ctx);
		const [row] = await database.db.update(userTable).set({ emailVerifiedAt: sql`now()` }).returning();
		const setup = await startTotpSetup(database.db, owner(row!.id));
		if (!setup.ok) throw new Error('setup refused');
		const { secret } = setup.value;
		const stored = async () => (await database.db.select().from(userTable).where(eq(userTable.id, row!.id)))[0]!.totpSecret!;
		expect(await stored()).toMatch(/^enc1:/);
		expect(await stored()).not.toContain(secret);

		// As if sealed before the rotation; two-step sign-in on.
		await database.db.update(userTable).set({ totpSecret: sealTotpSecret(secret, row!.id, [oldKey]), totpEnabledAt: sql`now()` }).where(eq(userTable.id, row!.id));
		const signedIn = await signIn(database.db, person.email, person.password, ctx);
		if (!signedIn.ok) throw new Error('sign-in failed');
		const session = await validateSession(database.db, signedIn.token);
		const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
		expect(await verifySecondFactor(database.db, row!.id, code, { ip: ctx.ip, sessionId: session!.id, email: person.email })).toMatchObject({ ok: true });
		expect(openTotpSecret(await stored(), row!.id, [newKey])).toBe(secret);
	});
});

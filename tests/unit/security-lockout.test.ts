// Issue 16, defect 8: anyone could lock an account for 15 minutes with 5 wrong sign-ins, and block
// its reset mails for an hour with 3 requests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user as userTable } from '../../src/lib/server/db/schema/accounts.ts';
import { requestPasswordReset, signIn, signUp } from '../../src/lib/server/accounts/service.ts';
import { mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import { testDatabases } from '../helpers/db.ts';

const home = { ip: '203.0.113.9', origin: 'http://localhost:3000', device: 'Firefox · Linux', locale: 'en' as const };
const attacker = { ...home, ip: '198.51.100.66' };
const person = { displayName: 'Ola', email: 'ola@example.org', password: 'a long enough passphrase', locale: 'en' as const, country: 'NO', sector: 'school' };

describe.each(testDatabases())('sign-in lock-out on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
		await signUp(database.db, person, home);
		await database.db.update(userTable).set({ emailVerifiedAt: sql`now()` });
	});
	afterEach(async () => {
		await database.close();
	});

	it("keeps the per-account limit for strangers but lets the owner in from an address they used before", async () => {
		expect((await signIn(database.db, person.email, person.password, home)).ok).toBe(true);
		for (let i = 0; i < 6; i++) await signIn(database.db, person.email, `guess ${i}`, attacker);
		expect(await signIn(database.db, person.email, person.password, attacker)).toEqual({ ok: false, error: 'rate_limited' });
		expect((await signIn(database.db, person.email, person.password, home)).ok).toBe(true);
		// From home, wrong passwords are still wrong (and counted per address).
		expect(await signIn(database.db, person.email, 'wrong again', home)).toEqual({ ok: false, error: 'invalid' });
	});

	it("keeps the per-address reset-mail limit for strangers but lets the owner ask from an address they used before", async () => {
		expect((await signIn(database.db, person.email, person.password, home)).ok).toBe(true);
		const resetMails = async () => (await database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, person.email))).filter((m) => m.link?.includes('/reset-password/')).length;
		for (let i = 0; i < 3; i++) expect(await requestPasswordReset(database.db, person.email, attacker)).toBe('ok');
		expect(await requestPasswordReset(database.db, person.email, attacker)).toBe('rate_limited');
		expect(await resetMails()).toBe(3);
		expect(await requestPasswordReset(database.db, person.email, home)).toBe('ok');
		expect(await resetMails()).toBe(4);
		// An address the account never signed in from stays limited.
		expect(await requestPasswordReset(database.db, person.email, { ...attacker, ip: '192.0.2.1' })).toBe('rate_limited');
	});
});

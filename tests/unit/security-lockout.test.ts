// Issue 16, defect 8: anyone could lock an account for 15 minutes with 5 wrong sign-ins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user as userTable } from '../../src/lib/server/db/schema/accounts.ts';
import { signIn, signUp } from '../../src/lib/server/accounts/service.ts';
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
});

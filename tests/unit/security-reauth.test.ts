// Issue 16, defect 6: security changes need the current password, and guessing it is limited per account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user as userTable } from '../../src/lib/server/db/schema/accounts.ts';
import { changePassword, requestEmailChange, signUp } from '../../src/lib/server/accounts/service.ts';
import { disableTotp } from '../../src/lib/server/accounts/totp.ts';
import { deleteAccount } from '../../src/lib/server/platform/personal-data.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { testDatabases } from '../helpers/db.ts';

/** The signed-in owner of an account, as the policy sees them. */
const owner = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
/** A result as the outcome names it: ok, wrong_password (next to the current password) or the problem's kind. */
const outcome = (r: Result) => (r.ok ? 'ok' : r.problem.key === 'wrong_current_password' ? 'wrong_password' : r.problem.kind);

const ctx = { ip: '203.0.113.9', origin: 'http://localhost:3000', device: 'Firefox · Linux', locale: 'en' as const };
const person = { displayName: 'Ola', email: 'ola@example.org', password: 'a long enough passphrase', locale: 'en' as const, country: 'NO', sector: 'school' };

describe.each(testDatabases())('re-authentication on $name', ({ open }) => {
	let database: Database;
	let userId: string;
	beforeEach(async () => {
		database = await open();
		await signUp(database.db, person, ctx);
		const [row] = await database.db
			.update(userTable)
			.set({ emailVerifiedAt: sql`now()`, totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: sql`now()` })
			.returning();
		userId = row!.id;
	});
	afterEach(async () => {
		await database.close();
	});

	const totpOn = async () => (await database.db.select().from(userTable).where(eq(userTable.id, userId)))[0]!.totpEnabledAt !== null;

	it('turns two-step sign-in off only with the current password', async () => {
		expect(outcome(await disableTotp(database.db, owner(userId), 'not my password', ctx.ip))).toBe('wrong_password');
		expect(await totpOn()).toBe(true);
		expect(outcome(await disableTotp(database.db, null, person.password, ctx.ip))).toBe('forbidden');
		expect(await totpOn()).toBe(true);
		expect(outcome(await disableTotp(database.db, owner(userId), person.password, ctx.ip))).toBe('ok');
		expect(await totpOn()).toBe(false);
	});

	it('limits current-password guesses per account across every security change', async () => {
		const outcomes: string[] = [];
		for (let i = 0; i < 2; i++) outcomes.push(outcome(await changePassword(database.db, owner(userId), `guess ${i}`, 'a new long passphrase', { ip: ctx.ip, sessionId: 'x' })));
		for (let i = 0; i < 2; i++) outcomes.push(outcome(await requestEmailChange(database.db, owner(userId), 'new@example.org', `guess ${i}`, ctx)));
		outcomes.push(outcome(await disableTotp(database.db, owner(userId), 'guess', ctx.ip)));
		outcomes.push(outcome(await deleteAccount(database.db, owner(userId), 'guess')));
		expect(outcomes).toEqual([...Array(5).fill('wrong_password'), 'rate_limited']);
		// Even the right password waits out the window now.
		expect(await changePassword(database.db, owner(userId), person.password, 'a new long passphrase', { ip: ctx.ip, sessionId: 'x' })).toMatchObject({ ok: false, problem: { kind: 'rate_limited', field: 'current', key: 'error_rate_limited' } });
		expect(await totpOn()).toBe(true);
	});
});

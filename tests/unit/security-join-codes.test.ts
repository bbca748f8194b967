// Issue 16, defect 8: cohort join codes had no guessing limit.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client.ts';
import { joinByCode } from '../../src/lib/server/learn/cohorts/cohorts.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { testDatabases } from '../helpers/db.ts';

const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
const kind = (r: { ok: boolean; problem?: { kind: string } }) => (r.ok ? 'ok' : r.problem!.kind);

describe.each(testDatabases())('join-code guessing on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	it('stops an account after 10 wrong codes in an hour', async () => {
		const guesser = as(randomUUID());
		const outcomes: string[] = [];
		for (let i = 0; i < 11; i++) outcomes.push(kind(await joinByCode(database.db, guesser, { origin: 'http://x', ip: `198.51.100.${i}` }, `WRONG${i}`)));
		expect(outcomes).toEqual([...Array(10).fill('not_found'), 'rate_limited']);
	});

	it('stops an address after 50 wrong codes in an hour, whichever accounts send them', async () => {
		const ctx = { origin: 'http://x', ip: '203.0.113.50' };
		for (let a = 0; a < 5; a++) {
			const guesser = as(randomUUID());
			for (let i = 0; i < 10; i++) expect(kind(await joinByCode(database.db, guesser, ctx, `WRONG${i}`))).toBe('not_found');
		}
		expect(kind(await joinByCode(database.db, as(randomUUID()), ctx, 'WRONG'))).toBe('rate_limited');
		expect(kind(await joinByCode(database.db, as(randomUUID()), { ...ctx, ip: '203.0.113.51' }, 'WRONG'))).toBe('not_found');
	});
});

// The admin area's lists check the policy themselves (not only the route's requireCan): an ordinary
// member, someone signed out and an admin who has not used their second factor get 'forbidden'.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit, listAuditEvents } from '../../src/lib/server/audit/index.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { allLearningRecords, ownLearningRecords } from '../../src/lib/server/learn/progress/index.ts';
import { listOutbox } from '../../src/lib/server/mail/index.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { testDatabases } from '../helpers/db.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const admin: Actor = { id: ID, role: 'admin', emailVerified: true, totpEnabled: true, secondFactorVerified: true };
const adminWithoutSecondFactor: Actor = { ...admin!, secondFactorVerified: false };
const member: Actor = { id: ID, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
const refused = { ok: false, problem: { kind: 'forbidden' } };

describe.each(testDatabases())('admin reads on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	it('the audit log is for admins who used their second factor', async () => {
		await audit(database.db, { event: 'signin_failed', ip: '203.0.113.9' });
		for (const actor of [null, member, adminWithoutSecondFactor]) expect(await listAuditEvents(database.db, actor)).toMatchObject(refused);
		const listed = await listAuditEvents(database.db, admin, { event: 'signin_failed' });
		expect(listed).toMatchObject({ ok: true, value: [{ event: 'signin_failed', actorEmail: null }] });
	});

	it('the outbox is for admins', async () => {
		for (const actor of [null, member, adminWithoutSecondFactor]) expect(await listOutbox(database.db, actor)).toMatchObject(refused);
		expect(await listOutbox(database.db, admin)).toEqual({ ok: true, value: [] });
	});

	it('everyone\'s learning records are for admins; one\'s own are for anyone signed in', async () => {
		for (const actor of [null, member, adminWithoutSecondFactor]) expect(await allLearningRecords(database.db, actor)).toMatchObject(refused);
		expect(await allLearningRecords(database.db, admin)).toEqual({ ok: true, value: [] });
		expect(await ownLearningRecords(database.db, null)).toMatchObject(refused);
		expect(await ownLearningRecords(database.db, member)).toEqual({ ok: true, value: [] });
	});
});

// The self-benchmark through its services on both engines: leaders choose themes, tick the
// good-policy elements with evidence and see the gaps; targets with a due date, an owner and a
// development-plan action, tracked over time; private until published, then read-only for anyone;
// strangers and bad input change nothing; the person's part is exported and erased.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { membership } from '../../src/lib/server/db/schema/organisations.ts';
import { practiceBenchmarkElement, practiceTarget, practiceTargetStatus } from '../../src/lib/server/db/schema/practices.ts';
import { qualityAction } from '../../src/lib/server/db/schema/quality.ts';
import { createOrganisation } from '../../src/lib/server/organisations/service.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import {
	addBenchmarkTarget,
	benchmarkThemes,
	chooseBenchmarkThemes,
	getBenchmark,
	myBenchmarks,
	publishBenchmark,
	saveBenchmarkTheme,
	trackBenchmarkTarget
} from '../../src/lib/server/practices/index.ts';
import { PRACTICE_DATA } from '../../src/lib/server/practices/personal-data.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { value } from '../helpers/result.ts';

const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
const kind = (result: Result<unknown>) => (result.ok ? 'ok' : result.problem.kind);

let contentDir: string;
beforeAll(() => {
	contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchmark-'));
	fs.mkdirSync(path.join(contentDir, 'frameworks'));
	fs.copyFileSync('content/frameworks/ict-lmi-mapping-template.yaml', path.join(contentDir, 'frameworks/ict-lmi-mapping-template.yaml'));
});
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));

const ACCESS = 'theme-access';
const ICT = 'theme-ict';

describe.each(testDatabases())('self-benchmark on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [contentDir, { only: ['frameworks'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string): Promise<string> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school', emailVerifiedAt: sql`now()` })
			.returning({ id: user.id });
		return row!.id;
	}
	async function organisation(owner: string, members: string[], name = 'Karrieresenteret'): Promise<string> {
		const { id } = value(await createOrganisation(db, as(owner), { name, sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' }));
		if (members.length) await db.insert(membership).values(members.map((userId) => ({ organisationId: id, userId, role: 'member' })));
		return id;
	}

	it('reads the good-policy elements of every theme from the template (placeholders until an editor supplies them)', async () => {
		const { themes } = (await benchmarkThemes(db, 'nb'))!;
		expect(themes).toHaveLength(9);
		for (const theme of themes) expect(theme.elements.length).toBeGreaterThan(0);
		expect(themes.find((t) => t.key === ACCESS)!.elements.every((e) => e.placeholder)).toBe(true);
		expect(themes[0]!.elements[0]!.title).toMatch(/redaktør/);
	});

	it('leaders choose themes, tick elements with evidence, see gaps and set a target linked to a plan action; a member tracks the target they own', async () => {
		const [leader, colleague, stranger] = [await person('Lea'), await person('Colm'), await person('Sten')];
		const org = await organisation(leader, [colleague]);
		await organisation(stranger, [], 'Another centre');
		const [planned] = await db.insert(qualityAction).values({ organisationId: org, goal: 'Reach more adults', title: 'Open an evening chat' }).returning({ id: qualityAction.id });

		// Before anything is chosen the members see an empty benchmark; strangers and visitors nothing.
		expect(value(await getBenchmark(db, as(colleague), org, 'en'))).toMatchObject({ exists: false, chosen: [], may: { edit: false } });
		for (const actor of [as(stranger), null]) expect(kind(await getBenchmark(db, actor, org, 'en'))).toBe('not_found');

		// Only leaders choose; an unknown theme or none at all is refused.
		expect(kind(await chooseBenchmarkThemes(db, as(colleague), org, [ACCESS], 'en'))).toBe('not_found');
		expect(await chooseBenchmarkThemes(db, as(leader), org, [ACCESS, 'theme-martians'], 'en')).toMatchObject({ ok: false, problem: { field: 'themes', key: 'practices_error_option' } });
		expect(await chooseBenchmarkThemes(db, as(leader), org, [], 'en')).toMatchObject({ ok: false, problem: { field: 'themes' } });
		// Refused choices save nothing (not even an empty benchmark); nothing to publish or tick yet.
		expect(value(await getBenchmark(db, as(leader), org, 'en')).exists).toBe(false);
		expect(kind(await publishBenchmark(db, as(leader), org, true, 'en'))).toBe('invalid');
		expect(kind(await saveBenchmarkTheme(db, as(leader), org, ACCESS, {}, 'en'))).toBe('invalid');
		value(await chooseBenchmarkThemes(db, as(leader), org, [ICT, ACCESS], 'en'));

		const before = value(await getBenchmark(db, as(leader), org, 'en'));
		expect(before.chosen.map((t) => t.key)).toEqual([ACCESS, ICT]);
		const [first, second, third] = before.chosen[0]!.elements.map((e) => e.key);
		value(await saveBenchmarkTheme(db, as(leader), org, ACCESS, { [first!]: { met: true, evidence: 'Chat log statistics 2025' }, [second!]: { met: false, evidence: '' } }, 'en'));
		const after = value(await getBenchmark(db, as(colleague), org, 'en'));
		const access = after.chosen.find((t) => t.key === ACCESS)!;
		expect(access.met).toBe(1);
		expect(access.ticks[first!]).toEqual({ met: true, evidence: 'Chat log statistics 2025' });
		expect(access.gaps.map((g) => g.key)).toEqual([second, third]);

		// Bad ticks save nothing: an element of another theme, oversize evidence, a theme not chosen.
		const ictElement = after.chosen.find((t) => t.key === ICT)!.elements[0]!.key;
		expect(kind(await saveBenchmarkTheme(db, as(leader), org, ACCESS, { [first!]: { met: false, evidence: '' }, [ictElement]: { met: true, evidence: '' } }, 'en'))).toBe('invalid');
		expect(await saveBenchmarkTheme(db, as(leader), org, ACCESS, { [first!]: { met: false, evidence: 'x'.repeat(2001) } }, 'en')).toMatchObject({ ok: false, problem: { field: `evidence:${first}`, key: 'error_too_long' } });
		expect(kind(await saveBenchmarkTheme(db, as(leader), org, 'theme-funding', {}, 'en'))).toBe('invalid');
		expect(kind(await saveBenchmarkTheme(db, as(colleague), org, ACCESS, { [first!]: { met: false, evidence: '' } }, 'en'))).toBe('not_found');
		expect(value(await getBenchmark(db, as(leader), org, 'en')).chosen.find((t) => t.key === ACCESS)!.met).toBe(1);

		// A target for a gap, owned by the colleague, linked to the plan's action.
		const input = { theme: ACCESS, element: second!, title: 'Offer guidance by chat', dueOn: '2030-06-30', owner: colleague, action: planned!.id };
		expect(await addBenchmarkTarget(db, as(leader), org, { ...input, owner: stranger }, 'en')).toMatchObject({ ok: false, problem: { field: 'owner' } });
		expect(await addBenchmarkTarget(db, as(leader), org, { ...input, element: ictElement }, 'en')).toMatchObject({ ok: false, problem: { field: 'element' } });
		expect(await addBenchmarkTarget(db, as(leader), org, { ...input, action: '00000000-0000-4000-8000-000000000000' }, 'en')).toMatchObject({ ok: false, problem: { field: 'action' } });
		expect(kind(await addBenchmarkTarget(db, as(colleague), org, input, 'en'))).toBe('not_found');
		const { id: target } = value(await addBenchmarkTarget(db, as(leader), org, input, 'en'));
		// A target the leader owns: the colleague may not track it.
		const { id: leadersTarget } = value(await addBenchmarkTarget(db, as(leader), org, { ...input, owner: leader, action: null }, 'en'));

		value(await trackBenchmarkTarget(db, as(colleague), org, target, { status: 'in_progress', note: 'Pilot started' }));
		expect(await trackBenchmarkTarget(db, as(colleague), org, leadersTarget, { status: 'done', note: '' })).toMatchObject({ ok: false, problem: { kind: 'forbidden', key: 'practices_benchmark_error_track' } });
		expect(kind(await trackBenchmarkTarget(db, as(stranger), org, target, { status: 'done', note: '' }))).toBe('not_found');
		value(await trackBenchmarkTarget(db, as(leader), org, target, { status: 'done', note: '' }));
		const tracked = value(await getBenchmark(db, as(colleague), org, 'en')).targets.find((t) => t.id === target)!;
		expect(tracked).toMatchObject({ status: 'done', owner: { id: colleague, name: 'Colm' }, action: { id: planned!.id, title: 'Open an evening chat' }, mayTrack: true });
		// Newest first, every change dated, with who made it.
		expect(tracked.history.map((h) => [h.status, h.note, h.by])).toEqual([
			['done', '', 'Lea'],
			['in_progress', 'Pilot started', 'Colm'],
			['planned', '', 'Lea']
		]);
		expect(value(await myBenchmarks(db, as(colleague)))).toEqual([{ id: org, name: 'Karrieresenteret', role: 'member', themes: 2, targets: 2, published: false }]);
	});

	it('is private until a leader publishes it; then anyone reads it and nobody outside changes it', async () => {
		const [leader, colleague, stranger] = [await person('Lea'), await person('Colm'), await person('Sten')];
		const org = await organisation(leader, [colleague]);
		const [action] = await db.insert(qualityAction).values({ organisationId: org, goal: 'Private goal', title: 'Private plan action' }).returning({ id: qualityAction.id });
		value(await chooseBenchmarkThemes(db, as(leader), org, [ACCESS], 'en'));
		value(await addBenchmarkTarget(db, as(leader), org, { theme: ACCESS, element: null, title: 'Reach rural adults', dueOn: '2031-01-31', owner: colleague, action: action!.id }, 'en'));
		expect(kind(await publishBenchmark(db, as(colleague), org, true, 'en'))).toBe('not_found');
		expect(kind(await getBenchmark(db, null, org, 'en'))).toBe('not_found');
		value(await publishBenchmark(db, as(leader), org, true, 'en'));
		const seen = value(await getBenchmark(db, null, org, 'en'));
		expect(seen).toMatchObject({ published: true, role: null, may: { edit: false, publish: false }, members: [], actions: [] });
		expect(seen.targets[0]).toMatchObject({ title: 'Reach rural adults', owner: { name: 'Colm' }, action: null, mayTrack: false });
		expect(seen.targets[0]!.history.every((h) => h.by === null)).toBe(true);
		expect(kind(await trackBenchmarkTarget(db, as(stranger), org, seen.targets[0]!.id, { status: 'done', note: '' }))).toBe('not_found');
		expect(kind(await chooseBenchmarkThemes(db, as(stranger), org, [ICT], 'en'))).toBe('not_found');
		value(await publishBenchmark(db, as(leader), org, false, 'en'));
		expect(kind(await getBenchmark(db, as(stranger), org, 'en'))).toBe('not_found');
		for (const forged of ['not-a-uuid', "1' or '1'='1", '00000000-0000-4000-8000-000000000000']) {
			expect(kind(await getBenchmark(db, as(leader), forged, 'en'))).toBe('not_found');
			expect(kind(await trackBenchmarkTarget(db, as(leader), org, forged, { status: 'done', note: '' }))).toBe('not_found');
		}
	});

	it('exports the person’s targets, status changes and ticks, and erases who wrote them; the organisation keeps its benchmark', async () => {
		const [leader, colleague] = [await person('Lea'), await person('Colm')];
		const org = await organisation(leader, [colleague]);
		value(await chooseBenchmarkThemes(db, as(leader), org, [ACCESS], 'en'));
		const element = value(await getBenchmark(db, as(leader), org, 'en')).chosen[0]!.elements[0]!.key;
		value(await saveBenchmarkTheme(db, as(leader), org, ACCESS, { [element]: { met: true, evidence: 'Annual report' } }, 'en'));
		const { id: target } = value(await addBenchmarkTarget(db, as(leader), org, { theme: ACCESS, element: null, title: 'Mine', dueOn: '2030-01-01', owner: leader, action: null }, 'en'));
		const part = PRACTICE_DATA.find((p) => p.key === 'practiceBenchmarks')!;
		const exported = (await part.export(db, leader)) as { targetsOwned: { id: string }[]; statusChanges: unknown[]; elementsTicked: { evidence: string }[] };
		expect(exported.targetsOwned.map((t) => t.id)).toEqual([target]);
		expect(exported.statusChanges).toHaveLength(1);
		expect(exported.elementsTicked.map((t) => t.evidence)).toContain('Annual report');
		await db.transaction(async (tx) => part.erase!(tx, { id: leader, addresses: [] }));
		await db.delete(membership).where(eq(membership.userId, leader));
		await db.delete(user).where(eq(user.id, leader));
		expect(await db.select({ ownerId: practiceTarget.ownerId }).from(practiceTarget)).toEqual([{ ownerId: null }]);
		expect((await db.select({ by: practiceTargetStatus.changedBy }).from(practiceTargetStatus)).every((r) => r.by === null)).toBe(true);
		expect((await db.select({ by: practiceBenchmarkElement.updatedBy }).from(practiceBenchmarkElement)).every((r) => r.by === null)).toBe(true);
	});
});

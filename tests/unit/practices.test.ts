// The practice inventory through its services on both engines: the shipped examples import, a
// member drafts from the template, co-editors and strangers, submit, an editor asks for changes and
// publishes, search finds it; bad input saves nothing; facets count; every open-API answer matches
// the OpenAPI document; the person's practices are exported and erased with them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { eq, like, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { rateLimit } from '../../src/lib/server/db/schema/platform.ts';
import { membership } from '../../src/lib/server/db/schema/organisations.ts';
import { practice, practiceRevision } from '../../src/lib/server/db/schema/practices.ts';
import { createOrganisation } from '../../src/lib/server/organisations/service.ts';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import { searchEverything } from '../../src/lib/server/platform/search.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import {
	apiList,
	apiOne,
	browsePractices,
	comparePractices,
	createPractice,
	csvStream,
	filterFromQuery,
	getPractice,
	importPracticesCsv,
	jsonStream,
	myPractices,
	OPENAPI,
	practiceStatistics,
	practiceTemplate,
	reviewPractice,
	reviewQueue,
	savePractice,
	submitPractice,
	type PracticeDraft
} from '../../src/lib/server/practices/index.ts';
import { PRACTICE_DATA } from '../../src/lib/server/practices/personal-data.ts';
import { LIMITS } from '../../src/lib/server/ratelimit/index.ts';
import { LICENCES } from '../../src/lib/practices/options.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { runPendingEvents } from '../helpers/events.ts';
import { schemaErrors } from '../helpers/json-schema.ts';

const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
const editorActor = (id: string): Actor => ({ id, role: 'editor', emailVerified: true, totpEnabled: true, secondFactorVerified: true });
function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}
const kind = (result: Result<unknown>) => (result.ok ? 'ok' : result.problem.kind);
const SHIPPED = fs.readdirSync('content/practices').filter((f) => f.endsWith('.yaml'));

let contentDir: string;
beforeAll(() => {
	contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'practices-'));
	fs.mkdirSync(path.join(contentDir, 'frameworks'));
	fs.copyFileSync('content/frameworks/ict-lmi-mapping-template.yaml', path.join(contentDir, 'frameworks/ict-lmi-mapping-template.yaml'));
	fs.cpSync('content/practices', path.join(contentDir, 'practices'), { recursive: true });
});
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));

const draft = (over: Partial<PracticeDraft> = {}): PracticeDraft => ({
	title: 'Career chat for adults',
	summary: 'Guidance by chat in the evenings.',
	country: 'NO',
	region: 'Innlandet',
	sector: 'adult_centre',
	languages: ['nb'],
	startYear: '2022',
	licence: 'CC-BY-4.0',
	channels: ['chat'],
	fields: {
		overview: { text: 'Advisers answer by chat on weekday evenings.' },
		'why-developed': { options: ['theme-access', 'theme-ict'] },
		'policy-focus': { options: ['focus-developing'] },
		'target-audience': { options: ['audience-employed-adults'] }
	},
	...over
});

describe.each(testDatabases())('practices on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [contentDir, { only: ['frameworks', 'practices'] }]);
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

	it('imports the shipped examples as published example records, once', async () => {
		const rows = await db.select({ status: practice.status, example: practice.example, country: practice.country }).from(practice);
		expect(rows).toHaveLength(SHIPPED.length);
		expect(SHIPPED.length).toBeGreaterThanOrEqual(12);
		expect(rows.every((r) => r.status === 'published' && r.example)).toBe(true);
		expect(new Set(rows.map((r) => r.country))).toEqual(new Set(['NO', 'CZ', 'SK', 'PL', 'EU']));
		const again = await importAllContent(db, contentDir, { only: ['frameworks', 'practices'] });
		expect(again.find((r) => r.type === 'practices')).toMatchObject({ created: [], updated: [], unchanged: SHIPPED.length });
	});

	it('builds the form from the template: every section, field and option list', async () => {
		const template = (await practiceTemplate(db, 'nb'))!;
		expect(template.sections.map((s) => s.key)).toContain('target-audience');
		expect(template.sections).toHaveLength(19);
		const audiences = template.sections.find((s) => s.key === 'target-audience')!;
		expect(audiences.options).toHaveLength(11);
		expect(audiences.choice).toBe('multi');
		expect(template.sections.find((s) => s.key === 'policy-focus')!.choice).toBe('single');
		// Help text from the framework, in the reader's language.
		expect(template.sections.find((s) => s.key === 'overview')!.help).toMatch(/praksisen/);
	});

	it('a member drafts, a co-member edits, strangers see nothing, an editor sends it back and publishes', async () => {
		const [owner, colleague, stranger, editor] = [await person('Olga'), await person('Colm'), await person('Sten'), await person('Edna')];
		const org = await organisation(owner, [colleague]);
		await organisation(stranger, [], 'Another centre');
		const { id } = value(await createPractice(db, as(owner), { title: 'Career chat', organisationId: org, country: 'NO', sector: 'adult_centre' }, 'en'));
		// Not for an organisation one does not belong to.
		expect(await createPractice(db, as(stranger), { title: 'X', organisationId: org, country: 'NO', sector: 'pes' }, 'en')).toMatchObject({ ok: false, problem: { field: 'owner' } });

		value(await savePractice(db, as(colleague), id, draft(), 'en'));
		expect(value(await getPractice(db, as(owner), id, 'en'))).toMatchObject({ title: 'Career chat for adults', status: 'draft', may: { edit: true, submit: true, review: false } });
		// Another organisation, a visitor and an editor: a draft does not exist for them.
		for (const actor of [as(stranger), null, editorActor(editor)]) expect(kind(await getPractice(db, actor, id, 'en'))).toBe('not_found');
		expect(kind(await savePractice(db, as(stranger), id, draft({ title: 'Hijacked' }), 'en'))).toBe('not_found');
		expect(kind(await submitPractice(db, as(stranger), id))).toBe('not_found');
		expect(value(await myPractices(db, as(colleague), 'en')).map((p) => p.id)).toEqual([id]);
		expect(value(await myPractices(db, as(stranger), 'en'))).toEqual([]);

		value(await submitPractice(db, as(colleague), id));
		// Waiting for review: the owners cannot change it, the editor sees it in the queue.
		expect(kind(await savePractice(db, as(owner), id, draft(), 'en'))).toBe('not_found');
		expect(value(await reviewQueue(db, editorActor(editor), 'en')).map((p) => p.id)).toEqual([id]);
		expect(kind(await reviewQueue(db, as(owner), 'en'))).toBe('not_found');
		expect(kind(await reviewPractice(db, as(owner), id, { decision: 'publish', comment: '' }))).toBe('conflict');
		// Asking for changes needs a comment.
		expect(await reviewPractice(db, editorActor(editor), id, { decision: 'changes', comment: ' ' })).toMatchObject({ ok: false, problem: { field: 'comment', key: 'practices_error_comment' } });
		value(await reviewPractice(db, editorActor(editor), id, { decision: 'changes', comment: 'Please name the target audience more precisely.' }));
		expect(value(await getPractice(db, as(owner), id, 'en'))).toMatchObject({ status: 'draft', reviewComment: 'Please name the target audience more precisely.' });

		value(await savePractice(db, as(owner), id, draft({ fields: { ...draft().fields, 'target-audience': { options: ['audience-employed-adults', 'audience-older-adults'] } } }), 'en'));
		value(await submitPractice(db, as(owner), id));
		value(await reviewPractice(db, editorActor(editor), id, { decision: 'publish', comment: '' }));
		const published = value(await getPractice(db, null, id, 'en'));
		expect(published).toMatchObject({ status: 'published', reviewComment: '', may: { edit: false } });
		expect(published.fields['target-audience']!.options).toEqual(['audience-employed-adults', 'audience-older-adults']);

		// Found through the global search once the index caught up; an edit of the published record keeps a revision.
		await runPendingEvents(database);
		const found = await searchEverything(db, 'en', 'evenings', {});
		expect(found.hits.map((h) => h.path)).toContain(`/practices/${id}`);
		value(await savePractice(db, as(owner), id, draft({ title: 'Career chat for adults in Innlandet' }), 'en'));
		const revisions = await db.select().from(practiceRevision).where(eq(practiceRevision.practiceId, id));
		expect(revisions.map((r) => r.title)).toEqual(['Career chat for adults']);
		// Its owners see what changed after the published version: words added to the title, an audience no longer chosen.
		const [change] = value(await getPractice(db, as(owner), id, 'en')).revisions;
		expect(change!.status).toBe('published');
		expect(change!.title!.filter((p) => p.added).map((p) => p.text.trim())).toEqual(['in Innlandet']);
		expect(change!.summary).toBeNull();
		expect(change!.fields).toEqual([{ key: 'target-audience', text: null, added: [], removed: ['audience-older-adults'] }]);
		// A reader who may not edit sees no versions.
		expect(value(await getPractice(db, null, id, 'en')).revisions).toEqual([]);
	});

	it('refuses unknown options, oversize text, unknown fields and forged ids, saving nothing', async () => {
		const owner = await person('Olga');
		const { id } = value(await createPractice(db, as(owner), { title: 'Mine', organisationId: null, country: 'CZ', sector: 'pes' }, 'en'));
		value(await savePractice(db, as(owner), id, draft(), 'en'));
		const before = (await db.select().from(practice).where(eq(practice.id, id)))[0]!;
		const bad: [Partial<PracticeDraft>, string, string][] = [
			[{ fields: { 'target-audience': { options: ['audience-martians'] } } }, 'options:target-audience', 'practices_error_option'],
			[{ fields: { 'policy-focus': { options: ['focus-developing', 'focus-maximising'] } } }, 'options:policy-focus', 'practices_error_option'],
			[{ fields: { overview: { text: 'x'.repeat(5001) } } }, 'text:overview', 'error_too_long'],
			[{ fields: { 'no-such-field': { text: 'hi' } } }, 'form', 'practices_error_field'],
			[{ channels: ['carrier-pigeon'] }, 'channels', 'practices_error_option'],
			[{ country: 'XX' }, 'country', 'error_choose'],
			[{ startYear: '1492' }, 'startYear', 'practices_error_year'],
			[{ title: '' }, 'title', 'error_required']
		];
		for (const [over, field, key] of bad) expect(await savePractice(db, as(owner), id, draft({ ...over, title: over.title ?? 'Changed' }), 'en')).toMatchObject({ ok: false, problem: { kind: 'invalid', field, key } });
		const after = (await db.select().from(practice).where(eq(practice.id, id)))[0]!;
		expect(after.title).toBe(before.title);
		expect(after.fields).toEqual(before.fields);
		for (const forged of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', "1' or '1'='1"]) {
			expect(kind(await getPractice(db, as(owner), forged, 'en'))).toBe('not_found');
			expect(kind(await savePractice(db, as(owner), forged, draft(), 'en'))).toBe('not_found');
		}
	});

	it('filters with facets and counts what the filter finds', async () => {
		const all = await browsePractices(db, filterFromQuery(new URLSearchParams()), 'en');
		expect(all.total).toBe(SHIPPED.length);
		const rows = await db.select({ country: practice.country, themes: practice.themes, audiences: practice.audiences }).from(practice);
		expect(all.counts.country.NO).toBe(rows.filter((r) => r.country === 'NO').length);
		expect(all.counts.theme['theme-access']).toBe(rows.filter((r) => r.themes.includes('theme-access')).length);

		const polish = await browsePractices(db, filterFromQuery(new URLSearchParams('country=PL&theme=theme-access')), 'en');
		const expected = rows.filter((r) => r.country === 'PL' && r.themes.includes('theme-access'));
		expect(polish.total).toBe(expected.length);
		expect(polish.total).toBeGreaterThan(0);
		expect(polish.counts.country).toEqual({ PL: expected.length });
		// Within a facet any value, across facets all: two countries give more than one.
		const two = await browsePractices(db, filterFromQuery(new URLSearchParams('country=PL&country=CZ')), 'en');
		expect(two.total).toBe(rows.filter((r) => r.country === 'PL' || r.country === 'CZ').length);
		// Unknown values and a hostile query string are dropped, not errors.
		expect((await browsePractices(db, filterFromQuery(new URLSearchParams('country=XX&theme=%00&sort=drop&page=-3')), 'en')).total).toBe(SHIPPED.length);
		// Full-text search through the global index, in the reader's language.
		const barometer = await browsePractices(db, filterFromQuery(new URLSearchParams('q=barometr')), 'pl');
		expect(barometer.items.map((i) => i.title)).toContain('Barometr zawodów');
		// The statistics take the same filter: only what it finds is counted.
		const stats = await practiceStatistics(db, filterFromQuery(new URLSearchParams('country=PL&theme=theme-access')), 'en');
		expect(stats.total).toBe(expected.length);
		expect(new Set(stats.cells.map((c) => c.country))).toEqual(new Set(['PL']));
		expect(stats.cells.find((c) => c.theme === 'theme-access')!.n).toBe(expected.length);
		expect(stats.counts.country).toEqual({ PL: expected.length });
		const everything = await practiceStatistics(db, filterFromQuery(new URLSearchParams('country=XX')), 'en');
		expect(everything.total).toBe(SHIPPED.length);
		expect(everything.cells.filter((c) => c.theme === 'theme-access').reduce((a, c) => a + c.n, 0)).toBe(all.counts.theme['theme-access']);
		// Sorted by title.
		expect(all.items.map((i) => i.title.toLowerCase())).toEqual([...all.items.map((i) => i.title.toLowerCase())].sort());
	});

	it('compares two to four readable practices', async () => {
		const ids = (await db.select({ id: practice.id }).from(practice).limit(4)).map((r) => r.id);
		expect(value(await comparePractices(db, null, ids.slice(0, 3), 'en'))).toHaveLength(3);
		expect(kind(await comparePractices(db, null, ids.slice(0, 1), 'en'))).toBe('invalid');
		const owner = await person('Olga');
		const { id: mine } = value(await createPractice(db, as(owner), { title: 'Private', organisationId: null, country: 'NO', sector: 'pes' }, 'en'));
		expect(kind(await comparePractices(db, null, [ids[0]!, mine], 'en'))).toBe('not_found');
		expect(kind(await comparePractices(db, as(owner), [ids[0]!, mine], 'en'))).toBe('ok');
	});

	it('answers the open API as its OpenAPI document says, with ETag and CORS, and never shows a draft', async () => {
		const owner = await person('Olga');
		const { id: hidden } = value(await createPractice(db, as(owner), { title: 'Hidden draft', organisationId: null, country: 'NO', sector: 'pes' }, 'en'));
		const paths = OPENAPI.paths;
		const base = 'http://praxis.test';
		const list = await apiList(db, new URL(`${base}/api/practices?pageSize=5&page=2`), '198.51.100.1', null);
		expect(list.status).toBe(200);
		expect(list.headers['access-control-allow-origin']).toBe('*');
		const page = JSON.parse(list.body!);
		expect(schemaErrors(OPENAPI, paths['/api/practices'].get.responses['200'].content['application/json'].schema, page)).toEqual([]);
		expect(page.meta).toEqual({ page: 2, pageSize: 5, total: SHIPPED.length });
		expect(page.links.prev).toContain('page=1');
		expect(page.data.map((p: { id: string }) => p.id)).not.toContain(hidden);
		// Not modified: the same ETag gives a 304 without a body.
		const again = await apiList(db, new URL(`${base}/api/practices?pageSize=5&page=2`), '198.51.100.1', list.headers.etag!);
		expect(again).toMatchObject({ status: 304, body: null });

		const first = page.data[0] as { id: string };
		const one = await apiOne(db, new URL(`${base}/api/practices/${first.id}`), first.id, '198.51.100.1', null);
		expect(one.status).toBe(200);
		expect(schemaErrors(OPENAPI, paths['/api/practices/{id}'].get.responses['200'].content['application/json'].schema, JSON.parse(one.body!))).toEqual([]);
		for (const id of [hidden, 'not-an-id']) {
			const missing = await apiOne(db, new URL(`${base}/api/practices/${id}`), id, '198.51.100.1', null);
			expect(missing.status).toBe(404);
			expect(schemaErrors(OPENAPI, paths['/api/practices/{id}'].get.responses['404'].content['application/json'].schema, JSON.parse(missing.body!))).toEqual([]);
		}

		const template = (await practiceTemplate(db, 'en'))!;
		const csv = await new Response(csvStream(db, template, base)).text();
		const lines = csv.trim().split('\n');
		expect(lines[0]).toMatch(/^id,url,title,summary,language,organisation,country,region,sector,languages,start_year,channels,licence,/);
		expect(lines[0]).toContain('target-audience:options');
		expect(csv).not.toContain('Hidden draft');
		expect(csv.match(/CC-BY-4\.0/g)?.length).toBe(SHIPPED.length);

		// The JSON export: one document, streamed in batches, as the OpenAPI document says, with the licences.
		const chunks: string[] = [];
		const reader = jsonStream(db, template, base, LICENCES).getReader();
		const decoder = new TextDecoder();
		for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(decoder.decode(next.value, { stream: true }));
		expect(chunks.length).toBeGreaterThan(2);
		const exported = JSON.parse(chunks.join(''));
		expect(schemaErrors(OPENAPI, paths['/api/practices.json'].get.responses['200'].content['application/json'].schema, exported)).toEqual([]);
		expect(exported.data).toHaveLength(SHIPPED.length);
		expect(exported.data.map((p: { id: string }) => p.id)).not.toContain(hidden);
		expect(exported.licence.licences.map((l: { id: string }) => l.id)).toContain('CC-BY-4.0');
		expect(exported.data.every((p: { licence: string }) => p.licence)).toBe(true);
		// A broken schema would be caught: a record without its licence does not pass.
		delete exported.data[0].licence;
		expect(schemaErrors(OPENAPI, paths['/api/practices.json'].get.responses['200'].content['application/json'].schema, exported)).not.toEqual([]);
	});

	it('rate-limits the open API per address', async () => {
		const url = new URL('http://praxis.test/api/practices?pageSize=1');
		expect((await apiList(db, url, '192.0.2.9', null)).status).toBe(200);
		// The address has used up its minute (one counter row: the first call made it); the next call is refused.
		await db.update(rateLimit).set({ count: LIMITS.practicesApiPerIp.max }).where(like(rateLimit.key, `${LIMITS.practicesApiPerIp.name}:%`));
		expect((await apiList(db, url, '192.0.2.9', null)).status).toBe(429);
		expect((await apiOne(db, url, '00000000-0000-4000-8000-000000000000', '192.0.2.9', null)).status).toBe(429);
		// Another address is not affected.
		expect((await apiList(db, url, '192.0.2.10', null)).status).toBe(200);
	});

	it('exports the person’s practices and erases those they owned alone', async () => {
		const [owner, colleague] = [await person('Olga'), await person('Colm')];
		const org = await organisation(owner, [colleague]);
		const { id: own } = value(await createPractice(db, as(owner), { title: 'Only mine', organisationId: null, country: 'NO', sector: 'pes' }, 'en'));
		const { id: shared } = value(await createPractice(db, as(owner), { title: 'Our centre', organisationId: org, country: 'NO', sector: 'pes' }, 'en'));
		const exported = (await PRACTICE_DATA[0]!.export(db, owner)) as { id: string }[];
		expect(exported.map((p) => p.id).sort()).toEqual([own, shared].sort());
		await db.transaction(async (tx) => PRACTICE_DATA[0]!.erase!(tx, { id: owner, addresses: [] }));
		await db.delete(user).where(eq(user.id, owner));
		const left = await db.select({ id: practice.id, ownerId: practice.ownerId }).from(practice).where(eq(practice.example, false));
		expect(left).toEqual([{ id: shared, ownerId: null }]);
		// The organisation keeps its practice: a co-member still edits it.
		expect(value(await getPractice(db, as(colleague), shared, 'en')).may.edit).toBe(true);
	});

	it('editors import a CSV in the export’s format: every bad row reported with its column, nothing half-imported', async () => {
		const [owner, editor] = [await person('Olga'), await person('Edna')];
		const template = (await practiceTemplate(db, 'en'))!;
		const exported = await new Response(csvStream(db, template, 'http://praxis.test')).text();
		const [header, ...lines] = exported.trim().split('\n');
		const columns = header!.split(',');
		const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(practice))[0]!.n;
		const before = await count();
		const row = (values: Record<string, string>) => columns.map((c) => values[c] ?? '');
		const csv = (rows: string[][], head = columns) => stringify([head, ...rows]);
		const good = { title: 'Imported career chat', country: 'SK', sector: 'pes', licence: 'CC-BY-4.0', languages: 'sk|en', channels: 'chat', 'target-audience:options': 'audience-employed-adults|audience-older-adults', 'overview:text': 'Chat guidance run by the employment office.' };

		expect(kind(await importPracticesCsv(db, as(owner), csv([row(good)])))).toBe('not_found');

		// Bad rows among good ones: each reported with its row (header = row 1) and column; nothing saved.
		const owned = value(await createPractice(db, as(owner), { title: 'Someone’s draft', organisationId: null, country: 'NO', sector: 'pes' }, 'en')).id;
		const refused = value(
			await importPracticesCsv(
				db,
				editorActor(editor),
				csv([
					row(good),
					row({ ...good, 'target-audience:options': 'audience-martians' }),
					row({ ...good, country: 'XX', start_year: '1492' }),
					row({ ...good, id: owned }),
					row({ ...good, id: 'not-an-id' }),
					row({ ...good, 'overview:text': 'x'.repeat(5001) }),
					row({ ...good, title: '' })
				])
			)
		);
		expect(refused.created).toBe(0);
		expect(refused.errors).toEqual([
			{ row: 3, column: 'target-audience:options', key: 'practices_error_option' },
			{ row: 4, column: 'country', key: 'error_choose' },
			{ row: 4, column: 'start_year', key: 'practices_error_year' },
			{ row: 5, column: 'id', key: 'practices_import_error_id' },
			{ row: 6, column: 'id', key: 'practices_import_error_id' },
			{ row: 7, column: 'overview:text', key: 'error_too_long' },
			{ row: 8, column: 'title', key: 'error_required' }
		]);
		expect(await count()).toBe(before + 1);

		// The header: unknown and missing columns; unreadable CSV; an empty file.
		expect(value(await importPracticesCsv(db, editorActor(editor), csv([['x', 'SK']], ['shoe_size', 'country']))).errors).toEqual([
			{ row: 1, column: 'shoe_size', key: 'practices_import_error_column' },
			{ row: 1, column: 'title', key: 'practices_import_error_missing_column' },
			{ row: 1, column: 'sector', key: 'practices_import_error_missing_column' },
			{ row: 1, column: 'licence', key: 'practices_import_error_missing_column' }
		]);
		expect(value(await importPracticesCsv(db, editorActor(editor), `${header}\n"unclosed,SK\n`)).errors[0]).toMatchObject({ key: 'practices_import_error_csv' });
		expect(value(await importPracticesCsv(db, editorActor(editor), `${header}\n`)).errors[0]).toMatchObject({ row: 1, key: 'practices_import_error_empty' });

		// A good file: a new practice, and an exported one updated (its old state kept as a revision).
		const [first] = parseCsvLine(lines, columns);
		const outcome = value(await importPracticesCsv(db, editorActor(editor), csv([row(good), columns.map((c) => (c === 'title' ? `${first!.title} (corrected)` : first![c]!))])));
		expect(outcome).toEqual({ created: 1, updated: 1, errors: [] });
		expect(await count()).toBe(before + 2);
		const imported = (await db.select().from(practice).where(eq(practice.title, 'Imported career chat')))[0]!;
		expect(imported).toMatchObject({ status: 'published', country: 'SK', languages: ['en', 'sk'], audiences: ['audience-employed-adults', 'audience-older-adults'], ownerId: null, example: false });
		expect((await db.select().from(practice).where(eq(practice.id, first!.id!)))[0]!.title).toBe(`${first!.title} (corrected)`);
		expect(await db.select({ title: practiceRevision.title }).from(practiceRevision).where(eq(practiceRevision.practiceId, first!.id!))).toEqual([{ title: first!.title }]);
	});
});

/** The first exported record as a column → value map (through the same parser the import uses). */
function parseCsvLine(lines: string[], columns: string[]): Record<string, string>[] {
	const records = parseCsv([columns.join(','), ...lines].join('\n')) as string[][];
	return records.slice(1, 2).map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])));
}

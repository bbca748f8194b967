import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbOrTx, Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { membership } from '../../src/lib/server/db/schema/organisations.ts';
import { cpdEntry } from '../../src/lib/server/db/schema/cpd.ts';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import { reindexAllSearch, searchEverything } from '../../src/lib/server/platform/search.ts';
import { createOrganisation } from '../../src/lib/server/organisations/service.ts';
import {
	addStep,
	countView,
	createPlan,
	decideProposal,
	facetCounts,
	getPlan,
	getResource,
	listPlans,
	listProposals,
	listResources,
	logPlanAsCpd,
	mediaRule,
	moveStep,
	myShelf,
	proposeResource,
	readResources,
	resources,
	removeStep,
	resourcesForNode,
	saveStepNotes,
	setFavourite,
	sharePlan,
	type ButtonOutcomes
} from '../../src/lib/server/resources/index.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';

const CONTENT = path.resolve('content');
const FIXTURES = path.resolve('tests/fixtures/resources');
const MD = { localize: (p: string) => `/en${p}`, calloutLabel: (k: string) => k };

const OUTCOMES: ButtonOutcomes = new Map([['choice-chance', new Set(['choice-1', 'choice-2', 'choice-3', 'chance-1', 'chance-2', 'chance-3'])]]);

/** A content folder with these files under resources/. */
function contentDir(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-resources-'));
	for (const [name, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, 'resources', name)), { recursive: true });
		fs.writeFileSync(path.join(dir, 'resources', name), text);
	}
	return dir;
}

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, 'resources', name), 'utf8');

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problem)}`);
	return result.value;
}

describe('resource content validation', () => {
	it('reads the fixture files: career items linked to their button and outcomes, library items with their facets', () => {
		const items = readResources(FIXTURES, OUTCOMES);
		expect(items.map((i) => i.slug)).toContain('choice-chance-fixture-activity-one');
		const activity = items.find((i) => i.slug === 'choice-chance-fixture-activity-one')!;
		expect(activity).toMatchObject({ kind: 'activity', ownWriting: true, settings: ['group', 'class'], duration: 30 });
		expect(activity.links).toEqual([
			['career-learning-in-context', 'choice-chance'],
			['career-learning-in-context', 'choice-2'],
			['career-learning-in-context', 'chance-1']
		]);
		expect(items.find((i) => i.slug === 'fixture-material')).toMatchObject({ kind: 'material', ownWriting: false, url: 'https://example.org/material', year: 2021 });
	});

	it('names the file and field of a bad file', () => {
		const career = fixture('career-learning/choice-chance.yaml');
		expect(() => readResources(contentDir({ 'career-learning/choice-chance.yaml': career.replace('outcomes: [choice-1]', 'outcomes: [me-1]') }), OUTCOMES)).toThrow(
			/resources\/career-learning\/choice-chance\.yaml: items\.0\.outcomes\.0: me-1 is not a learning outcome of choice-chance/
		);
		expect(() => readResources(contentDir({ 'career-learning/choice-chance.yaml': career.replace('kind: starter', 'kind: lecture') }), OUTCOMES)).toThrow(/items\.0\.kind: must be one of starter, activity, reflection/);
		expect(() => readResources(contentDir({ 'career-learning/choice-chance.yaml': career.replace('settings: [individual, group]', 'settings: [online]') }), OUTCOMES)).toThrow(/items\.0\.settings\.0: must be one of individual, group, class/);
		expect(() => readResources(contentDir({ 'career-learning/choice-chance.yaml': career.replace('slug: choice-chance-fixture-starter', 'slug: other-starter') }), OUTCOMES)).toThrow(/items\.0\.slug: must start with choice-chance-/);
		expect(() => readResources(contentDir({ 'career-learning/choice-chance.yaml': career.replace('choice-chance-fixture-activity-two', 'choice-chance-fixture-activity-one') }), OUTCOMES)).toThrow(/items\.2\.slug: the slug choice-chance-fixture-activity-one is already used/);
		expect(() => readResources(contentDir({ 'career-learning/choice-chance.yaml': career.replace(/      en:\n        title: "Fixture starter about a choice"\n        summary: "Questions about a choice someone made."\n        body: \|\n          ## Questions to ask\n          - What did you choose\?\n/, '') }), OUTCOMES)).toThrow(/items\.0\.translations\.en: must include en/);
		expect(() => readResources(contentDir({ 'career-learning/me-context.yaml': career }), OUTCOMES)).toThrow(/me-context\.yaml: button: must be me-context/);
		expect(() => readResources(contentDir({ 'career-learning/stars.yaml': career }), OUTCOMES)).toThrow(/stars\.yaml: the file name must be a career button/);
		expect(() => readResources(contentDir({ 'career-learning/choice-chance.yaml': 'button: [' }), OUTCOMES)).toThrow(/choice-chance\.yaml: not valid YAML/);
		const library = fixture('library.yaml');
		expect(() => readResources(contentDir({ 'library.yaml': library.replace('kind: article', 'kind: book') }), OUTCOMES)).toThrow(/resources\/library\.yaml: items\.0\.kind: must be one of film, podcast, article, material, link/);
		expect(() => readResources(contentDir({ 'library.yaml': library.replace('sectors: [school, adult]', 'sectors: [space]') }), OUTCOMES)).toThrow(/items\.0\.sectors\.0: must be one of/);
		expect(() => readResources(contentDir({ 'library.yaml': library.replace('"https://example.org/material"', '"javascript:alert(1)"') }), OUTCOMES)).toThrow(/items\.2\.url: must be an http\(s\) address/);
		expect(() => readResources(contentDir({ 'library.yaml': library.replace('title: "Fixture film"', `title: "${'x'.repeat(121)}"`) }), OUTCOMES)).toThrow(/items\.1\.translations\.en\.title: must be at most 120 characters/);
	});

	it('accepts the shipped resource files, if any, against the shipped framework', async () => {
		if (!fs.existsSync(path.join(CONTENT, 'resources'))) return;
		// The outcomes straight from the shipped framework file.
		const { parse } = await import('yaml');
		const fw = parse(fs.readFileSync(path.join(CONTENT, 'frameworks', 'career-learning-in-context.yaml'), 'utf8')) as { nodes: { key: string; kind: string; children?: unknown[] }[] };
		const outcomes = new Map<string, Set<string>>();
		type N = { key: string; kind: string; children?: N[] };
		const walk = (n: N, into: Set<string>) => {
			if (n.kind === 'outcome') into.add(n.key);
			for (const c of n.children ?? []) walk(c, into);
		};
		for (const node of fw.nodes as N[]) if (node.kind === 'area') walk(node, outcomes.set(node.key, new Set()).get(node.key)!);
		const items = readResources(CONTENT, outcomes);
		// At least 3 starters, 3 activities and 2 reflection items per button; at least 12 library items.
		for (const button of outcomes.keys()) {
			const mine = items.filter((i) => i.links.some(([, key]) => key === button));
			for (const [kind, min] of [['starter', 3], ['activity', 3], ['reflection', 2]] as const) expect(mine.filter((i) => i.kind === kind).length, `${button} ${kind}`).toBeGreaterThanOrEqual(min);
		}
		expect(items.filter((i) => !i.ownWriting).length).toBeGreaterThanOrEqual(12);
		// Every item in English; the platform's own writing in all five languages.
		for (const item of items) expect(item.wording.en, item.slug).toBeDefined();
	});
});

const CAREER_FRAMEWORK_ONLY = (() => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-career-fw-'));
	fs.mkdirSync(path.join(dir, 'frameworks'));
	fs.copyFileSync(path.join(CONTENT, 'frameworks', 'career-learning-in-context.yaml'), path.join(dir, 'frameworks', 'career-learning-in-context.yaml'));
	return dir;
})();

describe.each(testDatabases())('resources on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		// Only the framework resources link to (the others would only slow every test down).
		await seedContent(database, [CAREER_FRAMEWORK_ONLY, { only: ['frameworks'] }], [FIXTURES, { only: ['resources'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string, role = 'member'): Promise<NonNullable<Actor>> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school', role, emailVerifiedAt: sql`now()` })
			.returning({ id: user.id });
		const strong = role === 'editor';
		return { id: row!.id, role, emailVerified: true, totpEnabled: strong, secondFactorVerified: strong };
	}

	it('imports once (a second run changes nothing), lists with facet counts and links career items to their button and outcomes', async () => {
		const [again] = await importAllContent(db, FIXTURES, { only: ['resources'] });
		expect(again).toMatchObject({ created: [], updated: [], unchanged: 8 });

		const career = await listResources(db, 'en', 'career', { node: { framework: 'career-learning-in-context', key: 'choice-chance' }, setting: 'group' });
		expect(career.items.map((i) => i.slug)).toEqual(['choice-chance-fixture-starter', 'choice-chance-fixture-activity-one', 'choice-chance-fixture-activity-two', 'choice-chance-fixture-reflection']);
		const byOutcome = await listResources(db, 'en', 'career', { node: { framework: 'career-learning-in-context', key: 'chance-1' } });
		expect(byOutcome.items.map((i) => i.slug)).toEqual(['choice-chance-fixture-activity-one']);

		const facets = await facetCounts(db, 'career', { kind: 'activity' });
		// A facet does not narrow its own counts; the others do.
		expect(facets.kind).toEqual([
			{ value: 'starter', count: 1 },
			{ value: 'activity', count: 3 },
			{ value: 'reflection', count: 1 }
		]);
		expect(facets.setting).toEqual([
			{ value: 'individual', count: 1 },
			{ value: 'group', count: 2 },
			{ value: 'class', count: 1 }
		]);
		expect(facets.duration).toEqual([
			{ value: 'medium', count: 2 },
			{ value: 'long', count: 1 }
		]);
		const library = await facetCounts(db, 'library', { sector: 'school' });
		expect(library.kind).toEqual([
			{ value: 'film', count: 1 },
			{ value: 'article', count: 1 }
		]);
		expect(library.sector).toEqual([
			{ value: 'school', count: 2 },
			{ value: 'public-employment', count: 1 },
			{ value: 'adult', count: 1 }
		]);
		expect(library.qualityArea).toEqual([{ value: 'competence', count: 1 }]);
		expect((await listResources(db, 'en', 'library', { qualityArea: 'competence' })).items.map((i) => i.slug)).toEqual(['fixture-article', 'fixture-material']);

		expect((await resourcesForNode(db, 'en', 'career-learning-in-context', 'choice-2')).map((r) => r.slug)).toEqual(['choice-chance-fixture-activity-one']);
		// In search, leading to the resource's page.
		await reindexAllSearch(db);
		const found = await searchEverything(db, 'en', 'Fixture activity', { type: 'resource' });
		expect(JSON.stringify(found)).toContain('/resources/choice-chance-fixture-activity-one');
	});

	it('shows the reader\'s language or, visibly, English instead; links name the framework nodes', async () => {
		const nb = value(await getResource(db, null, 'choice-chance-fixture-starter', 'nb', MD));
		expect(nb).toMatchObject({ title: 'Testsamtalestarter om et valg', shownLocale: 'nb', ownWriting: true, translatedInto: ['en', 'nb'] });
		const cs = value(await getResource(db, null, 'choice-chance-fixture-starter', 'cs', MD));
		expect(cs).toMatchObject({ title: 'Fixture starter about a choice', shownLocale: 'en' });
		expect(cs.html).toContain('<h2>Questions to ask</h2>');
		expect(cs.links.map((l) => [l.key, l.kind])).toEqual([
			['choice-chance', 'area'],
			['choice-1', 'outcome']
		]);
		expect(value(await getResource(db, null, 'fixture-article', 'en', MD)).ownWriting).toBe(false);
		expect((await getResource(db, null, 'no-such-thing', 'en', MD)).ok).toBe(false);

		const lists = await listResources(db, 'cs', 'library', {});
		expect(lists.items.find((i) => i.slug === 'fixture-article')).toMatchObject({ title: 'Fixture article', shownLocale: 'en' });

		await countView(db, 'fixture-article');
		await countView(db, 'fixture-article');
		expect(value(await getResource(db, null, 'fixture-article', 'en', MD)).viewCount).toBe(2);
	});

	it('keeps a shelf per person', async () => {
		const anna = await person('Anna');
		const bo = await person('Bo');
		value(await setFavourite(db, anna, 'fixture-article', true));
		value(await setFavourite(db, anna, 'choice-chance-fixture-activity-two', true));
		value(await setFavourite(db, anna, 'fixture-article', true));
		expect(value(await myShelf(db, anna, 'en')).map((r) => r.slug).sort()).toEqual(['choice-chance-fixture-activity-two', 'fixture-article']);
		expect(value(await myShelf(db, bo, 'en'))).toEqual([]);
		expect(value(await getResource(db, anna, 'fixture-article', 'en', MD)).favourite).toBe(true);
		expect(value(await getResource(db, bo, 'fixture-article', 'en', MD)).favourite).toBe(false);
		value(await setFavourite(db, anna, 'fixture-article', false));
		expect(value(await myShelf(db, anna, 'en')).map((r) => r.slug)).toEqual(['choice-chance-fixture-activity-two']);
		expect((await setFavourite(db, null, 'fixture-article', true)).ok).toBe(false);
		expect(await setFavourite(db, anna, 'nothing-here', true)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
	});

	it('takes a member\'s proposal to the editors\' queue; an editor publishes it; a film needs captions', async () => {
		const anna = await person('Anna');
		const bo = await person('Bo');
		const editor = await person('Eva', 'editor');
		const input = { title: 'Guidance for newcomers', summary: 'A guide.', body: 'Why it helps.', kind: 'material' as const, url: 'https://example.org/guide', publisher: 'Someone', licence: 'CC BY 4.0', sectors: ['adult'], languages: ['nb'] };
		const { slug } = value(await proposeResource(db, anna, input, 'nb'));
		// A draft: its proposer and editors see it; nobody else.
		expect(value(await getResource(db, anna, slug, 'en', MD))).toMatchObject({ status: 'draft', title: 'Guidance for newcomers', shownLocale: 'nb', mine: true });
		expect((await getResource(db, bo, slug, 'en', MD)).ok).toBe(false);
		expect((await getResource(db, null, slug, 'en', MD)).ok).toBe(false);
		expect((await listResources(db, 'en', 'library', {})).items.map((i) => i.slug)).not.toContain(slug);
		expect((await listProposals(db, anna, 'queue')).ok).toBe(false);
		expect(value(await listProposals(db, anna, 'mine')).map((p) => [p.slug, p.status])).toEqual([[slug, 'draft']]);
		expect(value(await listProposals(db, editor, 'queue')).map((p) => p.slug)).toEqual([slug]);
		// Only editors decide.
		expect((await decideProposal(db, anna, slug, 'publish')).ok).toBe(false);
		value(await decideProposal(db, editor, slug, 'publish'));
		expect(value(await getResource(db, bo, slug, 'en', MD)).status).toBe('published');
		expect((await listResources(db, 'en', 'library', { sector: 'adult' })).items.map((i) => i.slug)).toContain(slug);
		expect(value(await listProposals(db, editor, 'queue'))).toEqual([]);

		const film = value(await proposeResource(db, anna, { ...input, title: 'A film', kind: 'film' }, 'en'));
		expect(await decideProposal(db, editor, film.slug, 'publish')).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'captions', key: 'resources_error_captions' } });
		expect(value(await getResource(db, editor, film.slug, 'en', MD)).status).toBe('draft');
		value(await decideProposal(db, editor, film.slug, 'publish', true));
		expect(value(await getResource(db, null, film.slug, 'en', MD))).toMatchObject({ status: 'published', captions: true });

		const rejected = value(await proposeResource(db, anna, { ...input, title: 'Rejected' }, 'en'));
		value(await decideProposal(db, editor, rejected.slug, 'reject'));
		expect((await getResource(db, bo, rejected.slug, 'en', MD)).ok).toBe(false);
		expect(mediaRule('podcast', false).ok).toBe(false);
		expect(mediaRule('article', false).ok).toBe(true);
	});

	it('plans a session: steps in order, moved up and down, notes, shared with the organisation, logged as CPD', async () => {
		const anna = await person('Anna');
		const bo = await person('Bo');
		const cleo = await person('Cleo');
		const { id } = value(await createPlan(db, anna, { title: 'Year 10 choices', groupName: '10B', notes: '' }));
		for (const slug of ['choice-chance-fixture-activity-one', 'choice-chance-fixture-activity-two', 'choice-chance-fixture-activity-three']) value(await addStep(db, anna, id, slug));
		let plan = value(await getPlan(db, anna, id, 'en'));
		expect(plan.steps.map((s) => s.resource.slug)).toEqual(['choice-chance-fixture-activity-one', 'choice-chance-fixture-activity-two', 'choice-chance-fixture-activity-three']);
		expect(plan.minutes).toBe(135);
		const [first, second, third] = plan.steps;
		value(await moveStep(db, anna, id, third!.id, 'up'));
		value(await moveStep(db, anna, id, first!.id, 'up')); // already first: nothing moves
		value(await saveStepNotes(db, anna, id, second!.id, 'Pairs of two'));
		plan = value(await getPlan(db, anna, id, 'en'));
		expect(plan.steps.map((s) => s.resource.slug)).toEqual(['choice-chance-fixture-activity-one', 'choice-chance-fixture-activity-three', 'choice-chance-fixture-activity-two']);
		expect(plan.steps[2]!.notes).toBe('Pairs of two');
		value(await moveStep(db, anna, id, first!.id, 'down'));
		expect(value(await getPlan(db, anna, id, 'en')).steps.map((s) => s.resource.slug)[0]).toBe('choice-chance-fixture-activity-three');

		// Private until shared: a stranger gets not_found, for reading and for changing.
		expect(await getPlan(db, bo, id, 'en')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect((await addStep(db, bo, id, 'fixture-article')).ok).toBe(false);
		const org = value(await createOrganisation(db, anna, { name: 'Karrieresenteret', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' }));
		await db.insert(membership).values({ organisationId: org.id, userId: bo.id, role: 'member' });
		// Not an organisation of the author's: refused.
		const other = value(await createOrganisation(db, cleo, { name: 'Elsewhere', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' }));
		expect(await sharePlan(db, anna, id, other.id)).toMatchObject({ ok: false, problem: { field: 'organisation' } });
		value(await sharePlan(db, anna, id, org.id));
		const seen = value(await getPlan(db, bo, id, 'en'));
		expect(seen).toMatchObject({ title: 'Year 10 choices', editable: false, sharedWith: 'Karrieresenteret' });
		expect(value(await listPlans(db, bo)).map((p) => [p.title, p.mine])).toEqual([['Year 10 choices', false]]);
		// A member may view, not change.
		expect((await moveStep(db, bo, id, first!.id, 'up')).ok).toBe(false);
		expect((await getPlan(db, cleo, id, 'en')).ok).toBe(false);
		value(await sharePlan(db, anna, id, null));
		expect((await getPlan(db, bo, id, 'en')).ok).toBe(false);

		const { entryId } = value(await logPlanAsCpd(db, anna, id, { date: '2026-03-02', locale: 'en', reflection: '' }));
		const [entry] = await db.select().from(cpdEntry).where(sql`${cpdEntry.id} = ${entryId}`);
		expect(entry).toMatchObject({ userId: anna.id, title: 'Year 10 choices', startsOn: '2026-03-02', quarters: 9 });
		expect((await logPlanAsCpd(db, bo, id, { date: '2026-03-02', locale: 'en', reflection: '' })).ok).toBe(false);

		value(await removeStep(db, anna, id, first!.id));
		expect(value(await getPlan(db, anna, id, 'en')).steps).toHaveLength(2);
	});

	it('exports and erases a person\'s shelf, proposals and plans', async () => {
		const anna = await person('Anna');
		const editor = await person('Eva', 'editor');
		value(await setFavourite(db, anna, 'fixture-article', true));
		const kept = value(await proposeResource(db, anna, { title: 'Kept', summary: 's', body: 'b', kind: 'link', url: null, publisher: 'P', licence: 'L', sectors: ['all'], languages: ['en'] }, 'en'));
		value(await decideProposal(db, editor, kept.slug, 'publish'));
		const gone = value(await proposeResource(db, anna, { title: 'Gone', summary: 's', body: 'b', kind: 'link', url: null, publisher: 'P', licence: 'L', sectors: ['all'], languages: ['en'] }, 'en'));
		const { id } = value(await createPlan(db, anna, { title: 'Plan', groupName: '', notes: '' }));
		value(await addStep(db, anna, id, 'fixture-article'));
		const parts = resources.personalData!;
		const data = Object.fromEntries(await Promise.all(parts.map(async (p) => [p.key, await p.export(db, anna.id)] as const))) as Record<string, unknown>;
		expect(data.resourceShelf).toMatchObject([{ resource: 'fixture-article' }]);
		expect((data.resourceProposals as { resource: string }[]).map((p) => p.resource).sort()).toEqual([gone.slug, kept.slug].sort());
		expect(data.resourcePlans).toMatchObject([{ title: 'Plan', steps: [{ resource: 'fixture-article' }] }]);

		await db.transaction(async (tx) => {
			for (const p of parts) await p.erase?.(tx, { id: anna.id, addresses: [] });
		});
		for (const p of parts) expect(await p.export(db, anna.id), p.key).toEqual([]);
		expect((await getResource(db, null, kept.slug, 'en', MD)).ok).toBe(true);
		expect((await getResource(db, editor, gone.slug, 'en', MD)).ok).toBe(false);
	});
});

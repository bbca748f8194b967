import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAllContent, importContentIfChanged, importContentRecorded } from '../../src/lib/server/platform/content.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { getFramework, listFrameworks } from '../../src/lib/server/frameworks/queries.ts';
import { editNodeTranslation, nodeForEditing, translationOverview } from '../../src/lib/server/frameworks/editing.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { searchEverything as search } from '../../src/lib/server/platform/search.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/lib/server/db/client.ts';
import { testDatabases } from '../helpers/db.ts';
import { runPendingEvents } from '../helpers/events.ts';
import type { Result } from '../../src/lib/server/result/index.ts';

/** The value of a service's result (the test fails on a refusal). */
function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}


function frameworkYaml(version: string, areaTitle = 'Ethics') {
	return `version: "${version}"
source:
  citation: "Test source (2026)."
translations:
  en:
    title: "Test framework"
    description: "For the tests."
  nb:
    title: "Testrammeverk"
    description: "For testene."
nodes:
  - key: ethics
    kind: area
    code: "1"
    translations:
      en:
        title: "${areaTitle}"
        body: "What is good guidance?"
      nb:
        title: "Etikk"
    children:
      - key: guideline-1
        kind: item
        code: "1"
        draft: true
        translations:
          en:
            title: "I know my limits"
      - key: reflection
        kind: group
        translations:
          en:
            title: "Reflection model"
        children:
          - key: step-1
            kind: step
            translations:
              en:
                title: "The challenge"
`;
}

function contentDir(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-fw-'));
	fs.mkdirSync(path.join(dir, 'frameworks'));
	for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'frameworks', name), text);
	return dir;
}

const frameworksReport = (reports: Awaited<ReturnType<typeof importAllContent>>) => reports.find((r) => r.type === 'frameworks')!;

describe.each(testDatabases())('framework import on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	it('imports a framework as a tree with translations and visible fallbacks; a second run changes nothing', async () => {
		const dir = contentDir({ 'test-framework.yaml': frameworkYaml('2020') });
		expect(frameworksReport(await importAllContent(database.db, dir)).created).toEqual(['test-framework@2020']);
		expect(frameworksReport(await importAllContent(database.db, dir))).toMatchObject({ created: [], updated: [], unchanged: 1 });

		const nb = await getFramework(database.db, 'test-framework', 'nb');
		expect(nb).toMatchObject({ title: 'Testrammeverk', version: '2020', nodes: 4 });
		const [area] = nb!.tree;
		expect(area).toMatchObject({ key: 'ethics', code: '1', title: 'Etikk', shownLocale: 'nb', body: '' });
		expect(area!.children.map((c) => c.key)).toEqual(['guideline-1', 'reflection']);
		expect(area!.children[0]).toMatchObject({ title: 'I know my limits', shownLocale: 'en', draft: true });
		expect(area!.children[1]!.children[0]).toMatchObject({ key: 'step-1', kind: 'step' });
		expect(await listFrameworks(database.db, 'pl')).toMatchObject([{ slug: 'test-framework', title: 'Test framework', shownLocale: 'en' }]);
	});

	it('a start skips the import when neither the content nor the code changed, and imports again when either did', async () => {
		const dir = contentDir({ 'test-framework.yaml': frameworkYaml('2020') });
		const imported = await importContentIfChanged(database.db, dir, 'build-1');
		expect(frameworksReport(imported!).created).toEqual(['test-framework@2020']);
		expect(await importContentIfChanged(database.db, dir, 'build-1')).toBeNull();
		// The skipped start still fills an emptied search index.
		await database.db.execute(sql`delete from search_document`);
		expect(await importContentIfChanged(database.db, dir, 'build-1')).toBeNull();
		expect((await search(database.db, 'en', 'Test framework')).hits.length).toBeGreaterThan(0);
		// A new build imports again (nothing changed); an edited file is imported.
		expect(frameworksReport((await importContentIfChanged(database.db, dir, 'build-2'))!)).toMatchObject({ created: [], updated: [], unchanged: 1 });
		fs.writeFileSync(path.join(dir, 'frameworks', 'test-framework.yaml'), frameworkYaml('2020', 'Ethics and values'));
		expect(frameworksReport((await importContentIfChanged(database.db, dir, 'build-2'))!).updated).toEqual(['test-framework@2020']);
		// An operator's import (npm run content:import) counts too: the next start with that build skips.
		await importContentRecorded(database.db, dir, 'build-3', { force: true });
		expect(await importContentIfChanged(database.db, dir, 'build-3')).toBeNull();
	});

	it('a new version keeps the old one, which stays reachable', async () => {
		await importAllContent(database.db, contentDir({ 'test-framework.yaml': frameworkYaml('2020') }));
		const report = frameworksReport(await importAllContent(database.db, contentDir({ 'test-framework.yaml': frameworkYaml('2024', 'Ethics (2024)') })));
		expect(report.created).toEqual(['test-framework@2024']);
		expect((await getFramework(database.db, 'test-framework', 'en'))!.tree[0]!.title).toBe('Ethics (2024)');
		expect((await getFramework(database.db, 'test-framework', 'en', '2020'))!.tree[0]!.title).toBe('Ethics');
	});

	it('a changed file with the same version replaces that version', async () => {
		await importAllContent(database.db, contentDir({ 'test-framework.yaml': frameworkYaml('2020') }));
		const report = frameworksReport(await importAllContent(database.db, contentDir({ 'test-framework.yaml': frameworkYaml('2020', 'Professional ethics') })));
		expect(report.updated).toEqual(['test-framework@2020']);
		expect((await getFramework(database.db, 'test-framework', 'en'))!.tree[0]!.title).toBe('Professional ethics');
	});

	it.each([
		['a node without a title', frameworkYaml('1').replace('        title: "Ethics"\n', ''), 'nodes.0.translations.en.title'],
		['a key used twice', frameworkYaml('1').replace('key: step-1', 'key: ethics'), 'nodes.0.children.1.children.0.key: "ethics" is used twice'],
		['an unknown kind', frameworkYaml('1').replace('kind: step', 'kind: chapter'), 'nodes.0.children.1.children.0.kind'],
		['no nodes', 'version: "1"\nsource:\n  citation: "x"\ntranslations:\n  en:\n    title: "T"\nnodes: []\n', 'nodes: needs at least one node']
	])('rejects a malformed file (%s), naming file and field, and imports nothing', async (_, text, field) => {
		const error = await importAllContent(database.db, contentDir({ 'broken.yaml': text })).catch((e: Error) => e);
		expect((error as Error).name).toBe('ContentError');
		expect((error as Error).message).toContain(`frameworks/broken.yaml: ${field}`);
		expect(await listFrameworks(database.db, 'en')).toEqual([]);
	});

	it('an editor with two-step sign-in changes a translation: revision kept, search updated, import leaves it alone', async () => {
		const dir = contentDir({ 'test-framework.yaml': frameworkYaml('2020'), 'other-framework.yaml': frameworkYaml('2020') });
		await importAllContent(database.db, dir);
		const otherRows = () => queryRows<{ id: number }>(database.db, sql`select id from search_document where ref = 'framework:other-framework' order by id`);
		const untouched = await otherRows();
		const [editor] = await database.db
			.insert(user)
			.values({ email: 'ed@example.org', displayName: 'Ed', locale: 'en', country: 'NO', sector: 'other', role: 'editor' })
			.returning();
		const actor = { id: editor!.id, role: 'editor', emailVerified: true, totpEnabled: true, secondFactorVerified: true };
		const wording = { title: 'Etikk i praksis', body: 'Hva er god veiledning?' };
		expect(await editNodeTranslation(database.db, { ...actor, role: 'member' }, 'test-framework', 'ethics', 'nb', wording)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await editNodeTranslation(database.db, { ...actor, secondFactorVerified: false }, 'test-framework', 'ethics', 'nb', wording)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await editNodeTranslation(database.db, actor, 'test-framework', 'nowhere', 'nb', wording)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		// A reader has the framework (kept for the next readers); the edit shows at once all the same.
		const before = (await getFramework(database.db, 'test-framework', 'nb'))!;
		expect(before.tree[0]!.title).toBe('Etikk');
		expect(() => ((before.tree[0] as { title: string }).title = 'changed by a caller')).toThrow(TypeError);
		expect(await editNodeTranslation(database.db, actor, 'test-framework', 'ethics', 'nb', wording)).toEqual({ ok: true, value: null });
		expect((await getFramework(database.db, 'test-framework', 'nb'))!.tree[0]!.title).toBe('Etikk i praksis');

		expect(await nodeForEditing(database.db, { ...actor, role: 'member' }, 'test-framework', 'ethics', 'nb')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await nodeForEditing(database.db, actor, 'test-framework', 'nowhere', 'nb')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		const read = await nodeForEditing(database.db, actor, 'test-framework', 'ethics', 'nb');
		expect(read).toMatchObject({ ok: true, value: { title: 'Etikk i praksis', sourceTitle: 'Ethics' } });
		const node = read.ok ? read.value : undefined;
		expect(node!.revisions).toMatchObject([{ previousTitle: 'Etikk', title: 'Etikk i praksis', editorName: 'Ed' }]);
		// The index follows after commit, for this framework only; the other keeps its rows.
		expect((await search(database.db, 'nb', 'etikk i praksis')).hits.map((h) => h.path)).not.toContain('/frameworks/test-framework/ethics');
		await runPendingEvents(database);
		expect((await search(database.db, 'nb', 'etikk i praksis')).hits[0]?.path).toBe('/frameworks/test-framework/ethics');
		expect(untouched.length).toBeGreaterThan(0);
		expect(await otherRows()).toEqual(untouched);

		const report = frameworksReport(await importAllContent(database.db, contentDir({ 'test-framework.yaml': frameworkYaml('2020', 'Changed in the file'), 'other-framework.yaml': frameworkYaml('2020') })));
		expect(report.keptEditorVersion).toEqual(['test-framework@2020']);
		expect(await translationOverview(database.db, { ...actor, secondFactorVerified: false })).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		const overview = value(await translationOverview(database.db, actor)).filter((o) => o.slug === 'test-framework');
		expect(overview[0]!.status.find((s) => s.locale === 'nb')).toMatchObject({ translated: 1, missing: 3, outdated: 0 });

		// The English source changes: the Norwegian wording is now visibly older than its source.
		await editNodeTranslation(database.db, actor, 'test-framework', 'ethics', 'en', { title: 'Ethics in practice', body: '' });
		expect((await getFramework(database.db, 'test-framework', 'nb'))!.tree[0]).toMatchObject({ title: 'Etikk i praksis', outdated: true });
		expect(value(await translationOverview(database.db, actor)).find((o) => o.slug === 'test-framework')!.status.find((s) => s.locale === 'nb')!.outdated).toBe(1);
	});
});

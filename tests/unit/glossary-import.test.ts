import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { editTermTranslation } from '../../src/lib/server/glossary/editing.ts';
import { getGlossaryTerm, listGlossary } from '../../src/lib/server/glossary/queries.ts';
import { testDatabases } from '../helpers/db.ts';

function term(en: string, extra = '') {
	return `source:
  citation: "Test source (2026)."
${extra}translations:
  en:
    term: "${en}"
    definition: "Definition of ${en}."
  nb:
    term: "${en} (nb)"
    definition: "Definisjon av ${en}."
`;
}

function contentDir(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-content-'));
	fs.mkdirSync(path.join(dir, 'glossary'));
	for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'glossary', name), text);
	return dir;
}

describe.each(testDatabases())('glossary import on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	it('imports terms with their translations, and a second run changes nothing', async () => {
		const dir = contentDir({ 'career.yaml': term('Career'), 'career-learning.yaml': term('Career learning', 'related: [career]\n') });
		const [first] = await importAllContent(database.db, dir);
		expect(first!.created.sort()).toEqual(['career', 'career-learning']);
		const [second] = await importAllContent(database.db, dir);
		expect(second).toMatchObject({ created: [], updated: [], unchanged: 2 });

		const nb = await listGlossary(database.db, 'nb');
		expect(nb.map((e) => e.term)).toEqual(['Career (nb)', 'Career learning (nb)']);
		const found = await getGlossaryTerm(database.db, 'career-learning', 'nb');
		expect(found?.related).toEqual([{ slug: 'career', term: 'Career (nb)' }]);
	});

	it('falls back visibly to English where a translation is missing', async () => {
		await importAllContent(database.db, contentDir({ 'career.yaml': term('Career') }));
		const [entry] = await listGlossary(database.db, 'pl');
		expect(entry).toMatchObject({ term: 'Career', shownLocale: 'en', availableLocales: ['en', 'nb'] });
	});

	it('updates a term when its file changes', async () => {
		await importAllContent(database.db, contentDir({ 'career.yaml': term('Career') }));
		const [report] = await importAllContent(database.db, contentDir({ 'career.yaml': term('Careers') }));
		expect(report!.updated).toEqual(['career']);
		expect((await getGlossaryTerm(database.db, 'career', 'en'))?.entry.term).toBe('Careers');
	});

	it("keeps an editor's change instead of silently overwriting it, unless forced", async () => {
		await importAllContent(database.db, contentDir({ 'career.yaml': term('Career') }));
		const editor = { id: '00000000-0000-4000-8000-0000000000ed', role: 'editor', emailVerified: true, totpEnabled: true, secondFactorVerified: true };
		expect(await editTermTranslation(database.db, editor, 'career', 'en', { term: 'Career (edited)', definition: 'Edited.' })).toEqual({ ok: true, value: null });
		const changedFile = contentDir({ 'career.yaml': term('Career v2') });

		const [kept] = await importAllContent(database.db, changedFile);
		expect(kept!.keptEditorVersion).toEqual(['career']);
		expect((await getGlossaryTerm(database.db, 'career', 'en'))?.entry.term).toBe('Career (edited)');

		await importAllContent(database.db, changedFile, { force: true });
		expect((await getGlossaryTerm(database.db, 'career', 'en'))?.entry.term).toBe('Career v2');
	});

	it('rejects a broken file naming the file and the field, and imports nothing', async () => {
		const broken = term('Broken').replace('    definition: "Definisjon av Broken."\n', '');
		const dir = contentDir({ 'a-good.yaml': term('Good'), 'broken.yaml': broken });
		await expect(importAllContent(database.db, dir)).rejects.toThrowError(
			'glossary/broken.yaml: translations.nb.definition:'
		);
		expect(await listGlossary(database.db, 'en')).toEqual([]);
	});

	it.each([
		['no English', term('X').replace(/ {2}en:\n.*\n.*\n/, ''), 'translations'],
		['an unknown locale', `${term('X')}  de:\n    term: "X"\n    definition: "Y"\n`, 'translations: Unrecognized key: "de"'],
		['a dangling related term', term('X', 'related: [nowhere]\n'), 'related.0'],
		['a field we do not know', `${term('X')}colour: red\n`, ''],
		['invalid YAML', 'source: [unclosed', '']
	])('rejects %s', async (_, text, field) => {
		const error = await importAllContent(database.db, contentDir({ 'x.yaml': text })).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).name).toBe('ContentError');
		expect((error as Error).message).toContain(`glossary/x.yaml: ${field}`);
	});
});

describe('shipped glossary', () => {
	it('has at least 25 valid terms, each in all five languages with a source', async () => {
		const [database] = testDatabases();
		const db = await database!.open();
		try {
			// Only the glossary: the courses' media would make this test slow for nothing it checks.
			const [report] = await importAllContent(db.db, path.resolve('content'), { only: ['glossary'] });
			expect(report!.created.length).toBeGreaterThanOrEqual(25);
			for (const slug of ['career', 'career-guidance', 'career-management-skills', 'co-careering', 'labour-market-information']) {
				expect(report!.created).toContain(slug);
			}
			const entries = await listGlossary(db.db, 'cs');
			for (const entry of entries) {
				expect(entry.availableLocales, entry.slug).toEqual(['cs', 'en', 'nb', 'pl', 'sk']);
				expect(entry.sourceCitation.length, entry.slug).toBeGreaterThan(10);
			}
		} finally {
			await db.close();
		}
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { editTermTranslation, glossaryTranslationStatus, termForEditing } from '../../src/lib/server/glossary/editing.ts';
import { getGlossaryTerm, glossaryList } from '../../src/lib/server/glossary/queries.ts';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import { glossary } from '../../src/lib/server/glossary/index.ts';
import { searchEverything as search } from '../../src/lib/server/platform/search.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { runPendingEvents } from '../helpers/events.ts';
import { value } from '../helpers/result.ts';

// Two terms: "career" in English and Norwegian, "guidance" in English only.
const FILES: Record<string, string> = {
	'career.yaml': `source:
  citation: "Test source (2026)."
translations:
  en:
    term: "Career"
    definition: "The sequence of work and learning over a life."
  nb:
    term: "Karriere"
    definition: "Rekkefølgen av arbeid og læring gjennom livet."
`,
	'guidance.yaml': `source:
  citation: "Test source (2026)."
translations:
  en:
    term: "Guidance"
    definition: "Help with choices about learning and work."
`
};

function contentDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-glossary-'));
	fs.mkdirSync(path.join(dir, 'glossary'));
	for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, 'glossary', name), text);
	return dir;
}


describe.each(testDatabases())('glossary editing on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
		await seedContent(database, [contentDir(), { only: ['glossary'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function editor() {
		const [row] = await database.db
			.insert(user)
			.values({ email: 'gloss@example.org', displayName: 'Gloss Editor', locale: 'en', country: 'NO', sector: 'other', role: 'editor' })
			.returning();
		return { id: row!.id, role: 'editor', emailVerified: true, totpEnabled: true, secondFactorVerified: true };
	}

	const stateOf = (status: Awaited<ReturnType<typeof glossaryTranslationStatus>>, slug: string) =>
		Object.fromEntries(value(status).terms.find((t) => t.slug === slug)!.states.map((s) => [s.locale, s.state]));

	it('shows editors which languages each term has, lacks or has out of date, and nobody else', async () => {
		const actor = await editor();
		expect(await glossaryTranslationStatus(database.db, { ...actor, role: 'member' })).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await glossaryTranslationStatus(database.db, { ...actor, secondFactorVerified: false })).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await glossaryTranslationStatus(database.db, null)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });

		const before = await glossaryTranslationStatus(database.db, actor);
		expect(value(before).terms.map((t) => [t.slug, t.term])).toEqual([
			['career', 'Career'],
			['guidance', 'Guidance']
		]);
		expect(stateOf(before, 'career')).toEqual({ en: 'translated', nb: 'translated', cs: 'missing', sk: 'missing', pl: 'missing' });
		expect(stateOf(before, 'guidance')).toEqual({ en: 'translated', nb: 'missing', cs: 'missing', sk: 'missing', pl: 'missing' });
		expect(value(before).totals.find((t) => t.locale === 'nb')).toEqual({ locale: 'nb', translated: 1, missing: 1, outdated: 0 });

		// The English source changes: the Norwegian wording is now older than it.
		expect(await editTermTranslation(database.db, actor, 'career', 'en', { term: 'Career', definition: 'The lifelong sequence of work, learning and other roles.' })).toEqual({ ok: true, value: null });
		const after = await glossaryTranslationStatus(database.db, actor);
		expect(stateOf(after, 'career')).toMatchObject({ en: 'translated', nb: 'outdated', cs: 'missing' });
		expect(value(after).totals.find((t) => t.locale === 'nb')).toEqual({ locale: 'nb', translated: 0, missing: 1, outdated: 1 });
		expect(value(await termForEditing(database.db, actor, 'career', 'nb'))).toMatchObject({ term: 'Karriere', outdated: true });

		// Translated again: up to date; a missing language added: translated.
		await editTermTranslation(database.db, actor, 'career', 'nb', { term: 'Karriere', definition: 'Den livslange rekkefølgen av arbeid, læring og andre roller.' });
		await editTermTranslation(database.db, actor, 'guidance', 'cs', { term: 'Poradenství', definition: 'Pomoc s rozhodováním o učení a práci.' });
		const again = await glossaryTranslationStatus(database.db, actor);
		expect(stateOf(again, 'career')).toMatchObject({ nb: 'translated' });
		expect(stateOf(again, 'guidance')).toMatchObject({ cs: 'translated', sk: 'missing' });
		expect(value(await termForEditing(database.db, actor, 'career', 'nb')).outdated).toBe(false);
	});

	it('keeps every edit as a revision, updates the public term and the search, and the import leaves it alone', async () => {
		const actor = await editor();
		const wording = { term: 'Karrierevei', definition: 'Arbeid og læring gjennom et helt liv.' };
		expect(await editTermTranslation(database.db, { ...actor, role: 'member' }, 'career', 'nb', wording)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await editTermTranslation(database.db, actor, 'nowhere', 'nb', wording)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await termForEditing(database.db, { ...actor, role: 'member' }, 'career', 'nb')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await termForEditing(database.db, actor, 'nowhere', 'nb')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });

		// The glossary page's list is kept between readers, and an edit replaces it at once.
		const kept = await glossaryList(database.db, 'nb');
		expect(await glossaryList(database.db, 'nb')).toBe(kept);
		await editTermTranslation(database.db, actor, 'career', 'nb', wording);
		expect((await glossaryList(database.db, 'nb')).find((e) => e.slug === 'career')).toMatchObject(wording);
		await editTermTranslation(database.db, actor, 'career', 'nb', { ...wording, term: 'Karriere' });
		const read = value(await termForEditing(database.db, actor, 'career', 'nb'));
		expect(read).toMatchObject({ sourceTerm: 'Career', term: 'Karriere', definition: wording.definition });
		// Newest first, each with what it was before.
		expect(read.revisions).toMatchObject([
			{ previousTerm: 'Karrierevei', term: 'Karriere', editorName: 'Gloss Editor' },
			{ previousTerm: 'Karriere', previousDefinition: 'Rekkefølgen av arbeid og læring gjennom livet.', term: 'Karrierevei', editorName: 'Gloss Editor' }
		]);
		// Revisions of one language only.
		expect(value(await termForEditing(database.db, actor, 'career', 'cs')).revisions).toEqual([]);
		expect((await getGlossaryTerm(database.db, 'career', 'nb'))?.entry.definition).toBe(wording.definition);

		// The search follows after commit.
		await runPendingEvents(database);
		expect((await search(database.db, 'nb', 'helt liv')).hits.map((h) => h.path)).toContain('/glossary/career');

		// The import keeps the editor's version.
		const [report] = await importAllContent(database.db, contentDir(), { only: ['glossary'], force: false });
		expect(report!.created).toEqual([]);
		expect((await getGlossaryTerm(database.db, 'career', 'nb'))?.entry.term).toBe('Karriere');
		expect((await getGlossaryTerm(database.db, 'career', 'nb'))?.entry.definition).toBe(wording.definition);

		// The editor's revisions are in their export; erasing the person keeps them, by nobody.
		const [part] = glossary.personalData!;
		expect(await part!.export(database.db, actor.id)).toMatchObject([{ locale: 'nb', term: 'Karriere' }, { locale: 'nb', term: 'Karrierevei' }]);
		await database.db.transaction(async (tx) => part!.erase?.(tx, { id: actor.id, addresses: [] }));
		expect(await part!.export(database.db, actor.id)).toEqual([]);
		expect(value(await termForEditing(database.db, { ...actor, id: '00000000-0000-4000-8000-0000000000ed' }, 'career', 'nb')).revisions).toMatchObject([
			{ term: 'Karriere', editorName: null },
			{ term: 'Karrierevei', editorName: null }
		]);
	});
});

// A practice translated field by field, on both engines: a co-member translates two fields into
// Czech and the Czech reader gets them (the rest in English, with its language); a stranger may not
// translate; an unknown field, an unknown or the source language and oversize text are refused and
// save nothing; a published practice keeps a revision of each translation save and is found by its
// translated words; an autosave is for drafts only; the shipped YAML may carry translated fields;
// a part whose source text changed after it was translated is out of date until saved again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { membership } from '../../src/lib/server/db/schema/organisations.ts';
import { practice, practiceRevision } from '../../src/lib/server/db/schema/practices.ts';
import { createOrganisation } from '../../src/lib/server/organisations/service.ts';
import { searchEverything } from '../../src/lib/server/platform/search.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import {
	apiOne,
	createPractice,
	getPractice,
	OPENAPI,
	practiceForTranslation,
	reviewPractice,
	savePractice,
	saveTranslation,
	submitPractice,
	type PracticeDraft,
	type TranslationDraft
} from '../../src/lib/server/practices/index.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { runPendingEvents } from '../helpers/events.ts';
import { schemaErrors } from '../helpers/json-schema.ts';
import { value } from '../helpers/result.ts';

const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
const editorActor = (id: string): Actor => ({ id, role: 'editor', emailVerified: true, totpEnabled: true, secondFactorVerified: true });
const kind = (result: Result<unknown>) => (result.ok ? 'ok' : result.problem.kind);

let contentDir: string;
beforeAll(() => {
	contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'practices-translation-'));
	fs.mkdirSync(path.join(contentDir, 'frameworks'));
	fs.copyFileSync('content/frameworks/ict-lmi-mapping-template.yaml', path.join(contentDir, 'frameworks/ict-lmi-mapping-template.yaml'));
	fs.mkdirSync(path.join(contentDir, 'practices'));
	// A shipped record in the old shape (title and summary per language) and one with a translated field.
	const file = fs.readFileSync('content/practices/cz-infoabsolvent.yaml', 'utf8');
	fs.writeFileSync(path.join(contentDir, 'practices/cz-infoabsolvent.yaml'), file);
	fs.writeFileSync(
		path.join(contentDir, 'practices/cz-infoabsolvent-translated.yaml'),
		file.replace(/(\n  cs:\n    title: .*\n    summary: .*\n)/, '$1    fields:\n      overview: Portál spravuje národní pedagogický institut.\n')
	);
});
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));

const draft: PracticeDraft = {
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
		'why-developed': { text: 'Adults could not come in the daytime.', options: ['theme-access'] },
		'target-audience': { text: 'Employed adults who want a change.', options: ['audience-employed-adults'] }
	}
};
const czech = (over: Partial<TranslationDraft> = {}): TranslationDraft => ({
	title: '',
	summary: 'Poradenství přes chat po večerech.',
	fields: { overview: 'Poradci odpovídají v chatu ve všední večery.' },
	...over
});

describe.each(testDatabases())('practice translations on $name', ({ open }) => {
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
	async function practiceOf(owner: string, colleague: string): Promise<string> {
		const { id: org } = value(await createOrganisation(db, as(owner), { name: 'Karrieresenteret', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' }));
		await db.insert(membership).values({ organisationId: org, userId: colleague, role: 'member' });
		const { id } = value(await createPractice(db, as(owner), { title: 'Career chat', organisationId: org, country: 'NO', sector: 'adult_centre' }, 'en'));
		value(await savePractice(db, as(owner), id, draft, 'en'));
		return id;
	}

	it('a co-member translates two fields into Czech; the Czech reader gets them and the rest in English, marked by its language', async () => {
		const [owner, colleague] = [await person('Olga'), await person('Colm')];
		const id = await practiceOf(owner, colleague);
		value(await saveTranslation(db, as(colleague), id, 'cs', czech(), 'en'));

		const seen = value(await getPractice(db, as(owner), id, 'cs'));
		expect(seen).toMatchObject({ title: 'Career chat for adults', lang: 'en', summary: 'Poradenství přes chat po večerech.', summaryLang: 'cs', locale: 'en' });
		expect(seen.fieldTexts).toEqual({
			overview: { text: 'Poradci odpovídají v chatu ve všední večery.', lang: 'cs' },
			'why-developed': { text: 'Adults could not come in the daytime.', lang: 'en' },
			'target-audience': { text: 'Employed adults who want a change.', lang: 'en' }
		});
		// Five parts to translate (title, summary, three texts): two in Czech, none elsewhere.
		expect(seen.coverage.find((c) => c.locale === 'cs')).toEqual({ locale: 'cs', done: 2, total: 5, outdated: 0 });
		expect(seen.coverage.find((c) => c.locale === 'pl')).toEqual({ locale: 'pl', done: 0, total: 5, outdated: 0 });
		expect(seen.outdated).toEqual([]);
		expect(seen.coverage.map((c) => c.locale)).not.toContain('en');
		// The English reader gets the source.
		expect(value(await getPractice(db, as(owner), id, 'en')).fieldTexts.overview).toEqual({ text: 'Advisers answer by chat on weekday evenings.', lang: 'en' });

		// The translation form: the source beside each part, the Czech where there is some.
		const form = value(await practiceForTranslation(db, as(owner), id, 'cs', 'en'));
		expect(form.parts.map((p) => [p.key, p.translation])).toEqual([
			['title', ''],
			['summary', 'Poradenství přes chat po večerech.'],
			['overview', 'Poradci odpovídají v chatu ve všední večery.'],
			['why-developed', ''],
			['target-audience', '']
		]);
		expect(form.parts.find((p) => p.key === 'overview')).toMatchObject({ name: 'text:overview', source: 'Advisers answer by chat on weekday evenings.', field: { title: 'Overview of ICT and LMI use' } });

		// Emptying a part takes its translation away.
		value(await saveTranslation(db, as(owner), id, 'cs', czech({ summary: '' }), 'en'));
		expect(value(await getPractice(db, as(owner), id, 'cs'))).toMatchObject({ summary: 'Guidance by chat in the evenings.', summaryLang: 'en' });
		// A draft keeps no revisions; its autosave is taken.
		value(await saveTranslation(db, as(owner), id, 'cs', czech(), 'en', { autosave: true }));
		expect(await db.select().from(practiceRevision).where(eq(practiceRevision.practiceId, id))).toEqual([]);
	});

	it('a part translated from an earlier source text is out of date until its translation is saved again', async () => {
		const [owner, colleague] = [await person('Olga'), await person('Colm')];
		const id = await practiceOf(owner, colleague);
		value(await saveTranslation(db, as(colleague), id, 'cs', czech(), 'en'));
		// The owner rewrites the overview (the summary and the rest stay as they were).
		value(await savePractice(db, as(owner), id, { ...draft, fields: { ...draft.fields, overview: { text: 'Advisers answer by chat and video on weekday evenings.' } } }, 'en'));

		const seen = value(await getPractice(db, as(owner), id, 'cs'));
		expect(seen.outdated).toEqual(['overview']);
		expect(seen.coverage.find((c) => c.locale === 'cs')).toEqual({ locale: 'cs', done: 2, total: 5, outdated: 1 });
		// Still shown in Czech (an older translation beats none), and the English reader sees nothing of it.
		expect(seen.fieldTexts.overview).toEqual({ text: 'Poradci odpovídají v chatu ve všední večery.', lang: 'cs' });
		expect(value(await getPractice(db, as(owner), id, 'en')).outdated).toEqual([]);
		const form = value(await practiceForTranslation(db, as(colleague), id, 'cs', 'en'));
		expect(form.parts.filter((p) => p.outdated).map((p) => p.key)).toEqual(['overview']);

		// The translator brings it up to date: saved beside the new source, it is current again.
		value(await saveTranslation(db, as(colleague), id, 'cs', czech({ fields: { overview: 'Poradci odpovídají v chatu a videem ve všední večery.' } }), 'en'));
		expect(value(await getPractice(db, as(owner), id, 'cs')).outdated).toEqual([]);
		expect(value(await practiceForTranslation(db, as(colleague), id, 'cs', 'en')).parts.some((p) => p.outdated)).toBe(false);
	});

	it('a stranger may not translate, and bad input saves nothing', async () => {
		const [owner, colleague, stranger] = [await person('Olga'), await person('Colm'), await person('Sten')];
		const id = await practiceOf(owner, colleague);
		value(await saveTranslation(db, as(owner), id, 'cs', czech(), 'en'));
		const before = (await db.select({ translations: practice.translations }).from(practice).where(eq(practice.id, id)))[0]!.translations;

		for (const actor of [as(stranger), null]) {
			expect(kind(await saveTranslation(db, actor, id, 'cs', czech({ title: 'Uneseno' }), 'en'))).toBe('not_found');
			expect(kind(await practiceForTranslation(db, actor, id, 'cs', 'en'))).toBe('not_found');
		}
		const bad: [string, TranslationDraft, string, string][] = [
			['cs', czech({ fields: { 'no-such-field': 'Ahoj' } }), 'form', 'practices_error_field'],
			['cs', czech({ fields: { overview: 'x'.repeat(5001) } }), 'text:overview', 'error_too_long'],
			['cs', czech({ title: 'x'.repeat(201) }), 'title', 'error_too_long'],
			['cs', czech({ summary: 'a\u0000b' }), 'summary', 'error_invalid'],
			['xx', czech(), 'locale', 'practices_translate_error_locale'],
			['en', czech(), 'locale', 'practices_translate_error_locale'],
			['', czech(), 'locale', 'practices_translate_error_locale']
		];
		for (const [locale, sent, field, key] of bad) expect(await saveTranslation(db, as(owner), id, locale, sent, 'en')).toMatchObject({ ok: false, problem: { kind: 'invalid', field, key } });
		expect(kind(await practiceForTranslation(db, as(owner), id, 'xx', 'en'))).toBe('invalid');
		expect(kind(await saveTranslation(db, as(owner), 'not-a-uuid', 'cs', czech(), 'en'))).toBe('not_found');
		const after = (await db.select({ translations: practice.translations }).from(practice).where(eq(practice.id, id)))[0]!.translations;
		expect(after).toEqual(before);
	});

	it('a published practice keeps a revision of each translation save, is found by its translated words and gives them in the API', async () => {
		const [owner, colleague, editor] = [await person('Olga'), await person('Colm'), await person('Edna')];
		const id = await practiceOf(owner, colleague);
		value(await submitPractice(db, as(owner), id));
		value(await reviewPractice(db, editorActor(editor), id, { decision: 'publish', comment: '' }));
		// Not as people type: a published practice changes when the form is sent.
		expect(kind(await saveTranslation(db, as(owner), id, 'pl', { title: '', summary: '', fields: { overview: 'Doradcy' } }, 'en', { autosave: true }))).toBe('conflict');
		value(await saveTranslation(db, as(owner), id, 'pl', { title: 'Czat kariery dla dorosłych', summary: '', fields: { overview: 'Doradcy odpowiadają na czacie w wieczory robocze.' } }, 'en'));
		const revisions = await db.select().from(practiceRevision).where(eq(practiceRevision.practiceId, id));
		expect(revisions).toHaveLength(1);
		expect(revisions[0]!.translations).toEqual({});
		const [change] = value(await getPractice(db, as(owner), id, 'en')).revisions;
		expect(change!.translated.map((t) => [t.locale, t.key])).toEqual([
			['pl', 'title'],
			['pl', 'overview']
		]);
		expect(change!.fields).toEqual([]);
		// Saving the same words again changes nothing and keeps no revision.
		value(await saveTranslation(db, as(owner), id, 'pl', { title: 'Czat kariery dla dorosłych', summary: '', fields: { overview: 'Doradcy odpowiadają na czacie w wieczory robocze.' } }, 'en'));
		expect(await db.select().from(practiceRevision).where(eq(practiceRevision.practiceId, id))).toHaveLength(1);

		await runPendingEvents(database);
		const found = await searchEverything(db, 'pl', 'doradcy wieczory', {});
		expect(found.hits.map((h) => h.path)).toContain(`/practices/${id}`);

		const one = await apiOne(db, new URL(`http://praxis.test/api/practices/${id}`), id, '198.51.100.1', null);
		const body = JSON.parse(one.body!);
		expect(body.translations.pl).toEqual({ title: 'Czat kariery dla dorosłych', fields: { overview: 'Doradcy odpowiadają na czacie w wieczory robocze.' } });
		expect(schemaErrors(OPENAPI, OPENAPI.paths['/api/practices/{id}'].get.responses['200'].content['application/json'].schema, body)).toEqual([]);
		// A translated field must be text: the schema catches a broken one.
		body.translations.pl.fields.overview = 3;
		expect(schemaErrors(OPENAPI, OPENAPI.paths['/api/practices/{id}'].get.responses['200'].content['application/json'].schema, body)).not.toEqual([]);
	});

	it('imports shipped translations in the old shape and with translated fields', async () => {
		const rows = await db.select({ slug: practice.slug, translations: practice.translations }).from(practice);
		const old = rows.find((r) => r.slug === 'cz-infoabsolvent')!;
		expect(old.translations.cs).toMatchObject({ title: 'InfoAbsolvent', summary: expect.stringContaining('Český webový portál') });
		// Translated from the file's own source text: up to date.
		expect(value(await getPractice(db, null, (await db.select({ id: practice.id }).from(practice).where(eq(practice.slug, 'cz-infoabsolvent')))[0]!.id, 'cs')).outdated).toEqual([]);
		const translated = rows.find((r) => r.slug === 'cz-infoabsolvent-translated')!;
		expect(translated.translations.cs!.fields).toEqual({ overview: 'Portál spravuje národní pedagogický institut.' });
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import { searchEverything } from '../../src/lib/server/platform/search.ts';
import { exportMyData } from '../../src/lib/server/platform/personal-data.ts';
import { queryRows, type Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { cards } from '../../src/lib/server/cards/index.ts';
import { deckCounts, drawCard, getCard, listCards, listMyReflections, myReflection, readCards, saveReflection, deleteReflection, GUIDELINE_GROUPS, REFLECTION_STEP_MAX } from '../../src/lib/server/cards/index.ts';
import { LOCALES } from '../../src/lib/i18n/locales.ts';
import { testDatabases } from '../helpers/db.ts';

const CONTENT = path.resolve('content');

function wording(title: string, questions = 3, twists = 1) {
	return `    title: "${title}"
    situation: "A situation about ${title}."
    questions: [${Array.from({ length: questions }, (_, i) => `"Question ${i + 1}?"`).join(', ')}]
    twists: [${Array.from({ length: twists }, (_, i) => `"Twist ${i + 1}?"`).join(', ')}]
`;
}

function situation(title: string, options: { locales?: readonly string[]; questions?: number; guidelines?: string; twists?: number } = {}) {
	const locales = options.locales ?? LOCALES;
	return `sector: school
clientGroup: pupils
guidelines: ${options.guidelines ?? '[8, 4]'}
steps: [challenge, support]
translations:
${locales.map((l) => `  ${l}:\n${wording(`${title} ${l}`, options.questions, options.twists)}`).join('')}`;
}

function oneQuestion(guidelines: number[]) {
	return `cards:\n${guidelines.map((g, i) => `  - guideline: ${g}\n    translations:\n${LOCALES.map((l) => `      ${l}: "Question ${i + 1} in ${l}?"`).join('\n')}`).join('\n')}\n`;
}

function contentDir(situations: Record<string, string>, decks: Record<string, string> = {}): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-cards-'));
	fs.mkdirSync(path.join(dir, 'cards', 'situations'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'cards', 'one-question'), { recursive: true });
	for (const [name, text] of Object.entries(situations)) fs.writeFileSync(path.join(dir, 'cards', 'situations', name), text);
	for (const [name, text] of Object.entries(decks)) fs.writeFileSync(path.join(dir, 'cards', 'one-question', name), text);
	return dir;
}

describe('card content validation', () => {
	it('accepts the shipped cards: every card in five languages, 3–5 questions, 1–2 twists, guidelines 1–12', () => {
		const cards = readCards(CONTENT);
		const situations = cards.filter((c) => c.deck === 'situations');
		expect(situations.length).toBeGreaterThanOrEqual(24);
		for (const group of Object.keys(GUIDELINE_GROUPS)) expect(cards.filter((c) => c.deck === group).length, group).toBeGreaterThanOrEqual(12);
		for (const c of situations) {
			expect(Object.keys(c.wording).sort()).toEqual([...LOCALES].sort());
			for (const w of Object.values(c.wording)) {
				expect(w.questions.length).toBeGreaterThanOrEqual(3);
				expect(w.questions.length).toBeLessThanOrEqual(5);
				expect(w.twists.length).toBeGreaterThanOrEqual(1);
			}
			expect(c.ownWriting).toBe(true);
		}
		// Varied: at least five sectors and five client groups.
		expect(new Set(situations.map((c) => c.sector)).size).toBeGreaterThanOrEqual(5);
		expect(new Set(situations.map((c) => c.clientGroup)).size).toBeGreaterThanOrEqual(5);
		// Translations are not English copies.
		for (const c of cards) for (const l of LOCALES.filter((l) => l !== 'en')) expect(c.wording[l].title, `${c.slug} ${l}`).not.toBe(c.wording.en.title);
	});

	it('fails a card missing a language, naming the file and the language', () => {
		const dir = contentDir({ 'a.yaml': situation('A', { locales: ['en', 'nb', 'cs', 'sk'] }) });
		expect(() => readCards(dir)).toThrow(/cards\/situations\/a\.yaml: translations\.pl/);
	});

	it('fails questions outside 3–5 and twists outside 1–2', () => {
		expect(() => readCards(contentDir({ 'a.yaml': situation('A', { questions: 2 }) }))).toThrow(/questions: must have 3 to 5 questions/);
		expect(() => readCards(contentDir({ 'a.yaml': situation('A', { questions: 6 }) }))).toThrow(/must have 3 to 5 questions/);
		expect(() => readCards(contentDir({ 'a.yaml': situation('A', { twists: 3 }) }))).toThrow(/must have 1 or 2 twists/);
		expect(readCards(contentDir({ 'a.yaml': situation('A', { questions: 5, twists: 2 }) }))).toHaveLength(1);
	});

	it('fails unknown guideline ids, and a one-question card outside its deck\'s group', () => {
		expect(() => readCards(contentDir({ 'a.yaml': situation('A', { guidelines: '[13]' }) }))).toThrow(/guidelines\.0: is not a guideline/);
		expect(() => readCards(contentDir({}, { 'competence.yaml': oneQuestion([1, 4]) }))).toThrow(/cards\.1\.guideline: guideline 4 is not in the competence group/);
		expect(() => readCards(contentDir({}, { 'other.yaml': oneQuestion([1]) }))).toThrow(/file name must be a guideline group/);
	});
});

describe.each(testDatabases())('ethics cards on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(email: string) {
		const [row] = await database.db.insert(user).values({ email, displayName: email, locale: 'en', country: 'NO', sector: 'other' }).returning();
		return { id: row!.id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
	}

	it('imports cards and decks, browses by deck, guideline, sector and client group, and a second run changes nothing', async () => {
		const dir = contentDir(
			{ 'parent.yaml': situation('Parent'), 'target.yaml': situation('Target', { guidelines: '[7]' }).replace('sector: school', 'sector: employment-service').replace('clientGroup: pupils', 'clientGroup: jobseekers') },
			{ 'competence.yaml': oneQuestion([1, 2, 3]) }
		);
		const [first] = await importAllContent(database.db, dir, { only: ['cards'] });
		expect(first!.created.sort()).toEqual(['competence-1', 'competence-2', 'competence-3', 'parent', 'target']);
		const [second] = await importAllContent(database.db, dir, { only: ['cards'] });
		expect(second).toMatchObject({ created: [], updated: [], unchanged: 5 });

		expect(await deckCounts(database.db)).toEqual({ situations: 2, competence: 3, relation: 0, reflection: 0 });
		expect((await listCards(database.db, 'nb', { deck: 'situations' })).map((c) => c.title)).toEqual(['Parent nb', 'Target nb']);
		expect((await listCards(database.db, 'en', { guideline: 7 })).map((c) => c.slug)).toEqual(['target']);
		expect((await listCards(database.db, 'en', { guideline: 8 })).map((c) => c.slug)).toEqual(['parent']);
		expect((await listCards(database.db, 'en', { sector: 'employment-service' })).map((c) => c.slug)).toEqual(['target']);
		expect((await listCards(database.db, 'en', { clientGroup: 'pupils' })).map((c) => c.slug)).toEqual(['parent']);
		expect((await listCards(database.db, 'en', { deck: 'competence', guideline: 2 })).map((c) => c.title)).toEqual(['Question 2 in en?']);

		const card = await getCard(database.db, 'parent', 'cs');
		expect(card).toMatchObject({ deck: 'situations', title: 'Parent cs', questions: ['Question 1?', 'Question 2?', 'Question 3?'], twists: ['Twist 1?'], guidelines: [8, 4], steps: ['challenge', 'support'], ownWriting: true });
		expect(await getCard(database.db, 'nowhere', 'en')).toBeUndefined();
		const drawn = new Set<string | undefined>();
		for (let i = 0; i < 30; i++) drawn.add(await drawCard(database.db, { deck: 'situations' }));
		expect(drawn).toEqual(new Set(['parent', 'target']));
		expect(await drawCard(database.db, { deck: 'relation' })).toBeUndefined();

		// In search, in every language, leading to the card's page.
		const hits = await searchEverything(database.db, 'pl', 'Parent', { type: 'card' });
		expect(hits.hits.map((h) => h.path)).toEqual(['/cards/parent']);
	});

	it('keeps a revision of the wording when a changed file is imported', async () => {
		await importAllContent(database.db, contentDir({ 'parent.yaml': situation('Parent') }), { only: ['cards'] });
		const [report] = await importAllContent(database.db, contentDir({ 'parent.yaml': situation('Parent').replace('title: "Parent nb"', 'title: "Forelder"') }), { only: ['cards'] });
		expect(report!.updated).toEqual(['parent']);
		expect((await getCard(database.db, 'parent', 'nb'))!.title).toBe('Forelder');
		const revisions = await queryRows<{ locale: string; before: string | null; after: string }>(
			database.db,
			sql`select locale, previous->>'title' as before, current->>'title' as after from card_revision order by id`
		);
		// Five on the first import (no previous wording), one for the one translation that changed.
		expect(revisions).toHaveLength(6);
		expect(revisions.at(-1)).toEqual({ locale: 'nb', before: 'Parent nb', after: 'Forelder' });
	});

	it('saves a reflection step by step, privately, lists, exports and erases it', async () => {
		await importAllContent(database.db, contentDir({ 'parent.yaml': situation('Parent') }), { only: ['cards'] });
		const me = await person('me@example.org');
		const other = await person('other@example.org');

		expect(await saveReflection(database.db, null, 'parent', { challenge: 'x' })).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await saveReflection(database.db, me, 'nowhere', { challenge: 'x' })).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await saveReflection(database.db, me, 'parent', { challenge: 'x'.repeat(REFLECTION_STEP_MAX + 1) })).toMatchObject({ ok: false, problem: { kind: 'too_large', field: 'challenge' } });

		// A draft of one step, then another: both kept (merged), an unknown key ignored.
		const saved = await saveReflection(database.db, me, 'parent', { challenge: 'Whose secret is it?', nonsense: 'dropped' });
		expect(saved.ok).toBe(true);
		await saveReflection(database.db, me, 'parent', { support: 'Ask my team leader.' });
		const mine = await myReflection(database.db, me, 'parent');
		expect(mine).toMatchObject({ ok: true, value: { answers: { challenge: 'Whose secret is it?', support: 'Ask my team leader.' } } });
		// Someone else starts empty: a reflection is private.
		expect(await myReflection(database.db, other, 'parent')).toMatchObject({ ok: true, value: { id: null, answers: {} } });
		expect(await listMyReflections(database.db, other, 'en')).toEqual({ ok: true, value: [] });
		const listed = await listMyReflections(database.db, me, 'nb');
		expect(listed).toMatchObject({ ok: true, value: [{ slug: 'parent', title: 'Parent nb', steps: 2 }] });

		const id = saved.ok ? saved.value.id : '';
		expect(await deleteReflection(database.db, other, id)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await deleteReflection(database.db, other, 'not-a-uuid')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });

		const exported = await exportMyData(database.db, me, '127.0.0.1');
		expect(exported.ok && exported.value.cardReflections).toMatchObject([{ card: 'parent', answers: { challenge: 'Whose secret is it?' } }]);

		// Erased with the account (by the manifest's erase, inside the deletion's transaction); others' stay.
		await saveReflection(database.db, other, 'parent', { debrief: 'Mine.' });
		await cards.personalData![0]!.erase!(database.db, { id: me.id, addresses: ['me@example.org'] });
		const left = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from card_reflection`);
		expect(left[0]!.n).toBe(1);
		expect(await listMyReflections(database.db, me, 'en')).toEqual({ ok: true, value: [] });
	});

	it('deletes a reflection for its writer', async () => {
		await importAllContent(database.db, contentDir({ 'parent.yaml': situation('Parent') }), { only: ['cards'] });
		const me = await person('me@example.org');
		const saved = await saveReflection(database.db, me, 'parent', { challenge: 'x' });
		expect(await deleteReflection(database.db, me, saved.ok ? saved.value.id : '')).toEqual({ ok: true, value: null });
		expect(await listMyReflections(database.db, me, 'en')).toEqual({ ok: true, value: [] });
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { cardSession, cardSessionAnswer, cardSessionParticipant } from '../../src/lib/server/db/schema/cards.ts';
import { domainEvent } from '../../src/lib/server/db/schema/platform.ts';
import {
	cards,
	answerLive,
	controlLiveSession,
	createLiveSession,
	expireLiveSessions,
	getLiveSession,
	joinLiveSession,
	listMyLiveSessions,
	liveSummary,
	normaliseLiveCode,
	participantView,
	summaryCsv,
	LIVE_ANSWER_MAX
} from '../../src/lib/server/cards/index.ts';
import { newLiveCode, stateOf } from '../../src/lib/server/cards/live.ts';
import { LOCALES } from '../../src/lib/i18n/locales.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';

function situation(title: string) {
	return `sector: school
clientGroup: pupils
guidelines: [8]
steps: [challenge]
translations:
${LOCALES.map((l) => `  ${l}:\n    title: "${title} ${l}"\n    situation: "About ${title}."\n    questions: ["First ${title}?", "Second ${title}?", "Third ${title}?"]\n    twists: ["What if ${title}?"]\n`).join('')}`;
}

function contentDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-live-'));
	fs.mkdirSync(path.join(dir, 'cards', 'situations'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'cards', 'one-question'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'cards', 'situations', 'alpha.yaml'), situation('Alpha'));
	fs.writeFileSync(path.join(dir, 'cards', 'situations', 'beta.yaml'), situation('Beta'));
	return dir;
}

describe('live join codes', () => {
	it('are six unambiguous characters, read back whatever the case or spacing', () => {
		for (let i = 0; i < 50; i++) expect(newLiveCode()).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
		expect(normaliseLiveCode(' ab2 -cd3')).toBe('AB2CD3');
		expect(normaliseLiveCode('AB0CD1')).toBe('');
		expect(normaliseLiveCode('ABC')).toBe('');
	});

	it('a session idle past its expiry counts as ended', () => {
		expect(stateOf({ state: 'open', expiresAt: new Date(Date.now() - 1000) })).toBe('ended');
		expect(stateOf({ state: 'open', expiresAt: new Date(Date.now() + 1000) })).toBe('open');
	});
});

describe.each(testDatabases())('live card sessions on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
		await seedContent(database, [contentDir(), { only: ['cards'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(email: string, emailVerified = true) {
		const [row] = await database.db.insert(user).values({ email, displayName: `Name ${email}`, locale: 'en', country: 'NO', sector: 'other' }).returning();
		return { id: row!.id, role: 'member', emailVerified, totpEnabled: false, secondFactorVerified: false };
	}

	async function session(anonymous = false) {
		const facilitator = await person('fac@example.org');
		const created = await createLiveSession(database.db, facilitator, { cards: ['alpha', 'beta'], anonymous, locale: 'en' });
		if (!created.ok) throw new Error(JSON.stringify(created));
		const [row] = await database.db.select().from(cardSession).where(eq(cardSession.id, created.value.id));
		return { facilitator, id: created.value.id, code: row!.joinCode };
	}

	const join = async (code: string, name: string) => {
		const joined = await joinLiveSession(database.db, null, code, { name, anonymous: false, asSelf: false }, { ip: '10.0.0.1' });
		if (!joined.ok) throw new Error(JSON.stringify(joined));
		return joined.value.token;
	};
	// Answers are limited to one a second per participant; tests move that clock back.
	const unthrottle = () => database.db.update(cardSessionParticipant).set({ lastAnswerAt: null });

	it('only a verified user creates a session, from existing cards; a stranger sees none of it', async () => {
		const unverified = await person('new@example.org', false);
		expect(await createLiveSession(database.db, unverified, { cards: ['alpha'], anonymous: true, locale: 'en' })).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		const { facilitator, id } = await session();
		expect(await createLiveSession(database.db, facilitator, { cards: ['alpha', 'no-such-card'], anonymous: true, locale: 'en' })).toMatchObject({ ok: false, problem: { field: 'cards' } });
		const stranger = await person('stranger@example.org');
		expect(await getLiveSession(database.db, stranger, id)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await controlLiveSession(database.db, stranger, id, { kind: 'start' })).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await liveSummary(database.db, stranger, id)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		const mine = await listMyLiveSessions(database.db, facilitator);
		expect(mine.ok && mine.value.map((s) => s.id)).toEqual([id]);
	});

	it('runs the state machine: lobby → open → revealed → next question → twist → next card → ended, each step an event on the session channel', async () => {
		const { facilitator, id } = await session();
		const step = (kind: 'start' | 'reveal' | 'twist' | 'question' | 'next' | 'end') => controlLiveSession(database.db, facilitator, id, { kind });
		expect(await step('reveal')).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
		expect(await step('start')).toEqual({ ok: true, value: { state: 'open' } });
		expect(await step('start')).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
		expect(await step('reveal')).toEqual({ ok: true, value: { state: 'revealed' } });
		expect(await step('question')).toEqual({ ok: true, value: { state: 'open' } });
		expect(await step('twist')).toMatchObject({ ok: true });
		let view = await getLiveSession(database.db, facilitator, id);
		expect(view.ok && [view.value.index, view.value.question, view.value.twistShown, view.value.current?.title]).toEqual([0, 1, true, 'Alpha en']);
		expect(await step('next')).toEqual({ ok: true, value: { state: 'open' } });
		view = await getLiveSession(database.db, facilitator, id);
		expect(view.ok && [view.value.index, view.value.question, view.value.twistShown, view.value.current?.title]).toEqual([1, 0, false, 'Beta en']);
		// The last card has no next one.
		expect(await step('next')).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
		expect(await step('end')).toEqual({ ok: true, value: { state: 'ended' } });
		expect(await step('start')).toMatchObject({ ok: false, problem: { kind: 'conflict', key: 'cards_live_error_ended' } });
		const events = await database.db.select().from(domainEvent).where(eq(domainEvent.channel, `cardsession:${id}`));
		expect(events.filter((e) => e.type === 'cards.live_changed')).toHaveLength(6);
	});

	it('joins by code (any case), refuses a wrong code, a locked session and a full one, and limits guessing per address', async () => {
		const { facilitator, id, code } = await session();
		const token = await join(code.toLowerCase(), 'Ada');
		expect(await participantView(database.db, code, token)).toMatchObject({ ok: true, value: { name: 'Ada', state: 'lobby', current: undefined } });
		expect(await participantView(database.db, code, 'forged-token')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await joinLiveSession(database.db, null, code, { name: '', anonymous: false, asSelf: false }, {})).toMatchObject({ ok: false, problem: { field: 'name' } });
		const anonymous = await joinLiveSession(database.db, null, code, { name: 'ignored', anonymous: true, asSelf: false }, {});
		expect(anonymous.ok && (await participantView(database.db, code, anonymous.value.token))).toMatchObject({ ok: true, value: { name: null } });

		await controlLiveSession(database.db, facilitator, id, { kind: 'lock' });
		expect(await joinLiveSession(database.db, null, code, { name: 'Late', anonymous: false, asSelf: false }, {})).toMatchObject({ ok: false, problem: { kind: 'conflict', key: 'cards_live_error_locked' } });
		await controlLiveSession(database.db, facilitator, id, { kind: 'unlock' });
		await database.db.update(cardSession).set({ maxParticipants: 2 }).where(eq(cardSession.id, id));
		expect(await joinLiveSession(database.db, null, code, { name: 'Third', anonymous: false, asSelf: false }, {})).toMatchObject({ ok: false, problem: { kind: 'conflict', key: 'cards_live_error_full' } });

		for (let i = 0; i < 30; i++) {
			expect(await joinLiveSession(database.db, null, 'ZZZZZZ', { name: 'x', anonymous: false, asSelf: false }, { ip: '192.0.2.9' })).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		}
		// Once the address has guessed too often even the right code is refused.
		expect(await joinLiveSession(database.db, null, code, { name: 'x', anonymous: false, asSelf: false }, { ip: '192.0.2.9' })).toMatchObject({ ok: false, problem: { kind: 'rate_limited' } });
	});

	it('a signed-in participant may join as themselves, and their answers are in their data export and go with the account', async () => {
		const { facilitator, id, code } = await session();
		const me = await person('me@example.org');
		const joined = await joinLiveSession(database.db, me, code, { name: '', anonymous: false, asSelf: true }, {});
		expect(joined.ok).toBe(true);
		const token = joined.ok ? joined.value.token : '';
		expect(await participantView(database.db, code, token)).toMatchObject({ ok: true, value: { name: 'Name me@example.org' } });
		await controlLiveSession(database.db, facilitator, id, { kind: 'start' });
		expect(await answerLive(database.db, code, token, 'My view')).toMatchObject({ ok: true });
		const part = (key: string) => cards.personalData!.find((p) => p.key === key)!;
		expect(await part('cardLiveAnswers').export(database.db, me.id)).toMatchObject([{ card: 'alpha', question: 0, answer: 'My view' }]);
		expect(await part('cardLiveSessions').export(database.db, facilitator.id)).toMatchObject([{ id }]);
		await database.db.transaction((tx) => part('cardLiveAnswers').erase!(tx, { id: me.id } as never));
		expect(await database.db.select().from(cardSessionAnswer)).toEqual([]);
		await database.db.transaction((tx) => part('cardLiveSessions').erase!(tx, { id: facilitator.id } as never));
		expect(await database.db.select().from(cardSession)).toEqual([]);
	});

	it('takes answers only while a question is open, within the limits, one a second; reveal counts them and hidden or removed ones drop out', async () => {
		const { facilitator, id, code } = await session();
		const ada = await join(code, 'Ada');
		const bo = await join(code, 'Bo');
		expect(await answerLive(database.db, code, ada, 'Too early')).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
		await controlLiveSession(database.db, facilitator, id, { kind: 'start' });
		expect(await answerLive(database.db, code, ada, 'x'.repeat(LIVE_ANSWER_MAX + 1))).toMatchObject({ ok: false, problem: { kind: 'too_large' } });
		expect(await answerLive(database.db, code, ada, 'Talk to the pupil first')).toMatchObject({ ok: true });
		expect(await answerLive(database.db, code, ada, 'Again at once')).toMatchObject({ ok: false, problem: { kind: 'rate_limited' } });
		expect(await answerLive(database.db, code, bo, 'Ask the parent why')).toMatchObject({ ok: true });
		// The form cannot change once answers came in.
		expect(await controlLiveSession(database.db, facilitator, id, { kind: 'form', form: 'scale', options: [] })).toMatchObject({ ok: false, problem: { key: 'cards_live_error_answered' } });

		let view = await getLiveSession(database.db, facilitator, id);
		if (!view.ok) throw new Error();
		expect(view.value.results.texts.map((t) => [t.value, t.name])).toEqual([['Talk to the pupil first', 'Ada'], ['Ask the parent why', 'Bo']]);
		await controlLiveSession(database.db, facilitator, id, { kind: 'hide', answer: view.value.results.texts[1]!.id });
		await controlLiveSession(database.db, facilitator, id, { kind: 'reveal' });
		const seen = await participantView(database.db, code, ada);
		expect(seen.ok && seen.value.results?.texts.map((t) => [t.value, t.name])).toEqual([['Talk to the pupil first', null]]);
		expect(await answerLive(database.db, code, ada, 'After the reveal')).toMatchObject({ ok: false, problem: { kind: 'conflict' } });

		// The next question as a choice: counts per option.
		await controlLiveSession(database.db, facilitator, id, { kind: 'question' });
		expect(await controlLiveSession(database.db, facilitator, id, { kind: 'form', form: 'choice', options: ['Only'] })).toMatchObject({ ok: false, problem: { field: 'options' } });
		expect(await controlLiveSession(database.db, facilitator, id, { kind: 'form', form: 'choice', options: ['Tell', 'Keep it', ''] })).toMatchObject({ ok: true });
		await unthrottle();
		expect(await answerLive(database.db, code, ada, '2')).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
		expect(await answerLive(database.db, code, ada, '1')).toMatchObject({ ok: true });
		expect(await answerLive(database.db, code, bo, '1')).toMatchObject({ ok: true });
		await controlLiveSession(database.db, facilitator, id, { kind: 'reveal' });
		view = await getLiveSession(database.db, facilitator, id);
		expect(view.ok && view.value.results.counts).toEqual([{ label: 'Tell', count: 0 }, { label: 'Keep it', count: 2 }]);

		// A removed participant's answers leave the counts, and they can answer no more.
		const bo_id = view.ok ? view.value.participants.find((p) => p.name === 'Bo')!.id : '';
		await controlLiveSession(database.db, facilitator, id, { kind: 'remove', participant: bo_id });
		view = await getLiveSession(database.db, facilitator, id);
		expect(view.ok && view.value.results.counts).toEqual([{ label: 'Tell', count: 0 }, { label: 'Keep it', count: 1 }]);
		await controlLiveSession(database.db, facilitator, id, { kind: 'question' });
		await controlLiveSession(database.db, facilitator, id, { kind: 'form', form: 'scale', options: [] });
		await unthrottle();
		expect(await answerLive(database.db, code, bo, '4')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await participantView(database.db, code, bo)).toMatchObject({ ok: true, value: { removed: true, current: undefined } });
		// The removal sticks: not back from the same browser under another name.
		const again = { name: 'Not Bo', anonymous: false, asSelf: false, currentToken: bo };
		expect(await joinLiveSession(database.db, null, code, again, {})).toMatchObject({ ok: false, problem: { kind: 'forbidden', key: 'cards_live_removed' } });
		// Nor as the same signed-in person from a fresh browser, even anonymously.
		const cyd = await person('cyd@example.org');
		const joinedAsSelf = await joinLiveSession(database.db, cyd, code, { name: '', anonymous: false, asSelf: true }, {});
		if (!joinedAsSelf.ok) throw new Error(JSON.stringify(joinedAsSelf));
		view = await getLiveSession(database.db, facilitator, id);
		const cyd_id = view.ok ? view.value.participants.find((p) => p.name === 'Name cyd@example.org')!.id : '';
		await controlLiveSession(database.db, facilitator, id, { kind: 'remove', participant: cyd_id });
		expect(await joinLiveSession(database.db, cyd, code, { name: '', anonymous: true, asSelf: false }, {})).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		// Somebody else still joins.
		expect(await joinLiveSession(database.db, null, code, { name: 'Dee', anonymous: false, asSelf: false }, {})).toMatchObject({ ok: true });
		expect(await answerLive(database.db, code, ada, '6')).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
		expect(await answerLive(database.db, code, ada, '4')).toMatchObject({ ok: true });

		const summary = await liveSummary(database.db, facilitator, id);
		if (!summary.ok) throw new Error();
		expect(summary.value.cards[0]!.questions.map((q) => q.results.total)).toEqual([1, 1, 1]);
		const csv = summaryCsv(summary.value, { free: 'Free text', choice: 'Choice', scale: 'Scale' });
		expect(csv).toContain('Alpha en,First Alpha?,Free text,Talk to the pupil first,,,Ada');
		expect(csv).not.toContain('Ask the parent why');
		expect(csv).toContain('Second Alpha?,Choice,Keep it,1');
		expect(csv).toContain('Third Alpha?,Scale,4,1');
	});

	it('ends sessions idle past their expiry and later deletes the answers of participants without an account', async () => {
		const { facilitator, id, code } = await session();
		const ada = await join(code, 'Ada');
		await controlLiveSession(database.db, facilitator, id, { kind: 'start' });
		await answerLive(database.db, code, ada, 'Kept for a while');
		await database.db.update(cardSession).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(cardSession.id, id));
		expect(await participantView(database.db, code, ada)).toMatchObject({ ok: true, value: { state: 'ended' } });
		expect(await expireLiveSessions(database.db, 30)).toBe(1);
		expect(await database.db.select().from(cardSessionAnswer)).toHaveLength(1);
		await database.db.update(cardSession).set({ endedAt: sql`now() - interval '31 days'` }).where(eq(cardSession.id, id));
		await expireLiveSessions(database.db, 30);
		expect(await database.db.select().from(cardSessionAnswer)).toEqual([]);
	});
});

// Live sessions with ethics cards: a facilitator shows cards one by one to a room, participants
// join with a short code on their phones (no account needed) and answer each question; the
// facilitator reveals the results, pulls the "What if?" twist, moves on, and ends. Every change of
// state is an update of the session row in a transaction with an event on `cardsession:<id>`, so
// every app instance fans it out to its open streams and a session survives a restart.
import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import { hashToken, newToken } from '../accounts/tokens.ts';
import { config } from '../config/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { csvCell, csvText } from '../http/csv.ts';
import { user } from '../db/schema/accounts.ts';
import { card, cardSession, cardSessionAnswer, cardSessionParticipant, cardTranslation, type LiveAnswerForm } from '../db/schema/cards.ts';
import { emit } from '../events/index.ts';
import { isSlug, isUuid } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { exceeded, hit, LIMITS } from '../ratelimit/index.ts';
import { ok, problem, type Result } from '../result/index.ts';

/** Characters of a join code: no 0/O, 1/I/L, so a code read off a projector is typed right. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const LIVE_CODE_LENGTH = 6;
/** The longest free-text answer, display name, and choice option. */
export const LIVE_ANSWER_MAX = 500;
export const LIVE_NAME_MAX = 40;
export const LIVE_OPTION_MAX = 80;
export const LIVE_OPTIONS_MAX = 6;
export const LIVE_CARDS_MAX = 20;
/** A session nobody acted in for this long has ended. */
export const LIVE_IDLE_HOURS = 4;
/** The 1–5 agree–disagree scale. */
export const LIVE_SCALE = ['1', '2', '3', '4', '5'] as const;
export const LIVE_FORMS = ['free', 'choice', 'scale'] as const;
export type LiveForm = (typeof LIVE_FORMS)[number];
export type LiveState = 'lobby' | 'open' | 'revealed' | 'ended';

/** What changed (participants re-read their view) and what was answered (counts only). */
export const LIVE_CHANGED = 'cards.live_changed';
export const LIVE_ANSWERED = 'cards.live_answered';
export const liveChannel = (sessionId: string): string => `cardsession:${sessionId}`;

type SessionRow = typeof cardSession.$inferSelect;

export function newLiveCode(): string {
	return Array.from({ length: LIVE_CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** What someone typed as a code (spaces, dashes, lower case), in the stored form; '' when it cannot be one. */
export function normaliseLiveCode(input: string): string {
	const bare = input.toUpperCase().replace(/[\s-]/g, '');
	return bare.length === LIVE_CODE_LENGTH && [...bare].every((c) => CODE_ALPHABET.includes(c)) ? bare : '';
}

const idleUntil = () => new Date(Date.now() + LIVE_IDLE_HOURS * 3600_000);

/** The session's state, counting one idle past its expiry as ended. */
export function stateOf(s: Pick<SessionRow, 'state' | 'expiresAt'>, now = new Date()): LiveState {
	if (s.state !== 'ended' && s.expiresAt.getTime() <= now.getTime()) return 'ended';
	return s.state as LiveState;
}

const formKey = (cardId: number, question: number) => `${cardId}:${question}`;
const FREE: LiveAnswerForm = { form: 'free', options: [] };
export function formOf(s: Pick<SessionRow, 'forms'>, cardId: number, question: number): LiveAnswerForm {
	return s.forms[formKey(cardId, question)] ?? FREE;
}

export type LiveCard = { id: number; slug: string; title: string; situation: string; questions: string[]; twists: string[] };

async function cardsOf(db: DbOrTx, ids: number[], locale: string): Promise<LiveCard[]> {
	if (!ids.length) return [];
	const rows = await db
		.select({ id: card.id, slug: card.slug, locale: cardTranslation.locale, title: cardTranslation.title, situation: cardTranslation.situation, questions: cardTranslation.questions, twists: cardTranslation.twists })
		.from(card)
		.innerJoin(cardTranslation, eq(cardTranslation.cardId, card.id))
		.where(and(inArray(card.id, ids), inArray(cardTranslation.locale, [locale, 'en'])));
	const pick = (id: number) => rows.find((r) => r.id === id && r.locale === locale) ?? rows.find((r) => r.id === id);
	return ids.flatMap((id) => {
		const r = pick(id);
		return r ? [{ id: r.id, slug: r.slug, title: r.title, situation: r.situation, questions: r.questions, twists: r.twists }] : [];
	});
}

// —— The facilitator ——

export type NewLiveSession = { cards: string[]; anonymous: boolean; locale: AppLocale };

/** Creates a session from chosen cards (in the order given); whoever creates it facilitates it. */
export async function createLiveSession(db: DbOrTx, actor: Actor, input: NewLiveSession): Promise<Result<{ id: string }>> {
	if (!actor || !can(actor, 'card-session:create')) return problem('forbidden', { field: 'cards', key: 'cards_live_error_verify' });
	const slugs = [...new Set(input.cards)].filter((s) => isSlug(s));
	if (!slugs.length) return problem('invalid', { field: 'cards', key: 'cards_live_error_cards' });
	if (slugs.length > LIVE_CARDS_MAX) return problem('too_large', { field: 'cards', key: 'cards_live_error_cards' });
	const rows = await db.select({ id: card.id, slug: card.slug }).from(card).where(inArray(card.slug, slugs));
	if (rows.length !== slugs.length) return problem('invalid', { field: 'cards', key: 'cards_live_error_cards' });
	const ids = slugs.map((s) => rows.find((r) => r.slug === s)!.id);
	for (let attempt = 0; ; attempt++) {
		try {
			const [row] = await db
				.insert(cardSession)
				.values({ facilitatorId: actor.id, cardIds: ids, locale: input.locale, anonymousAnswers: input.anonymous, joinCode: newLiveCode(), expiresAt: idleUntil(), maxParticipants: config().cardLiveMaxParticipants })
				.returning({ id: cardSession.id });
			return ok({ id: row!.id });
		} catch (error) {
			// A code already in use (one in 887 million): draw another.
			if (attempt >= 3) throw error;
		}
	}
}

export type LiveListed = { id: string; joinCode: string; state: LiveState; cards: number; participants: number; createdAt: Date };

/** The sessions the actor facilitated, newest first. */
export async function listMyLiveSessions(db: DbOrTx, actor: Actor): Promise<Result<LiveListed[]>> {
	if (!actor || !can(actor, 'card-session:create')) return ok([]);
	const rows = await db
		.select({
			id: cardSession.id,
			joinCode: cardSession.joinCode,
			state: cardSession.state,
			expiresAt: cardSession.expiresAt,
			cardIds: cardSession.cardIds,
			createdAt: cardSession.createdAt,
			participants: sql<number>`(select count(*)::int from card_session_participant p where p.session_id = ${cardSession.id} and not p.removed)`
		})
		.from(cardSession)
		.where(eq(cardSession.facilitatorId, actor.id))
		.orderBy(desc(cardSession.createdAt))
		.limit(50);
	return ok(rows.map((r) => ({ id: r.id, joinCode: r.joinCode, state: stateOf(r), cards: r.cardIds.length, participants: r.participants, createdAt: r.createdAt })));
}

async function facilitated(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<Result<SessionRow>> {
	if (!actor || !isUuid(id)) return problem('not_found');
	const query = db.select().from(cardSession).where(eq(cardSession.id, id));
	const [row] = lock ? await query.for('update') : await query;
	if (!row || !can(actor, 'card-session:run', row)) return problem('not_found');
	return ok(row);
}

export type LiveParticipant = { id: string; name: string | null; removed: boolean };
export type LiveResultItem = { id: string; value: string; hidden: boolean; name: string | null };
/** The answers to one question: counts per option (choice, scale) or the texts (free). */
export type LiveResults = { form: LiveAnswerForm; total: number; counts: { label: string; count: number }[]; texts: LiveResultItem[] };

export type LiveSessionView = {
	id: string;
	joinCode: string;
	state: LiveState;
	joiningLocked: boolean;
	anonymous: boolean;
	index: number;
	question: number;
	twistShown: boolean;
	cards: LiveCard[];
	current: LiveCard | undefined;
	form: LiveAnswerForm;
	participants: LiveParticipant[];
	results: LiveResults;
	hasAnswers: boolean;
	createdAt: Date;
};

/** The answers to one question of one card, for the facilitator (names unless anonymous) or the room. */
export async function resultsOf(db: DbOrTx, s: SessionRow, cardId: number, question: number, forFacilitator: boolean): Promise<LiveResults> {
	const form = formOf(s, cardId, question);
	const rows = await db
		.select({ id: cardSessionAnswer.id, value: cardSessionAnswer.value, hidden: cardSessionAnswer.hidden, name: cardSessionParticipant.displayName, removed: cardSessionParticipant.removed })
		.from(cardSessionAnswer)
		.innerJoin(cardSessionParticipant, eq(cardSessionParticipant.id, cardSessionAnswer.participantId))
		.where(and(eq(cardSessionAnswer.sessionId, s.id), eq(cardSessionAnswer.cardId, cardId), eq(cardSessionAnswer.questionIndex, question)))
		.orderBy(asc(cardSessionAnswer.createdAt));
	const kept = rows.filter((r) => !r.removed);
	const labels = form.form === 'choice' ? form.options : form.form === 'scale' ? [...LIVE_SCALE] : [];
	const counts = labels.map((label, i) => ({ label, count: kept.filter((r) => r.value === String(form.form === 'scale' ? i + 1 : i)).length }));
	const texts =
		form.form === 'free'
			? kept
					.filter((r) => forFacilitator || !r.hidden)
					.map((r) => ({ id: r.id, value: r.value, hidden: r.hidden, name: forFacilitator && !s.anonymousAnswers ? r.name : null }))
			: [];
	return { form, total: kept.length, counts, texts };
}

/** Everything the facilitator's control and presenter views show. */
export async function getLiveSession(db: DbOrTx, actor: Actor, id: string): Promise<Result<LiveSessionView>> {
	const found = await facilitated(db, actor, id);
	if (!found.ok) return found;
	const s = found.value;
	const cards = await cardsOf(db, s.cardIds, s.locale);
	const current = cards[s.currentIndex];
	const participants = await db
		.select({ id: cardSessionParticipant.id, name: cardSessionParticipant.displayName, removed: cardSessionParticipant.removed })
		.from(cardSessionParticipant)
		.where(eq(cardSessionParticipant.sessionId, s.id))
		.orderBy(asc(cardSessionParticipant.joinedAt));
	const results = current ? await resultsOf(db, s, current.id, s.currentQuestion, true) : { form: FREE, total: 0, counts: [], texts: [] };
	return ok({
		id: s.id,
		joinCode: s.joinCode,
		state: stateOf(s),
		joiningLocked: s.joiningLocked,
		anonymous: s.anonymousAnswers,
		index: s.currentIndex,
		question: s.currentQuestion,
		twistShown: s.twistShown,
		cards,
		current,
		form: current ? formOf(s, current.id, s.currentQuestion) : FREE,
		participants,
		results,
		hasAnswers: results.total > 0,
		createdAt: s.createdAt
	});
}

export type LiveCommand =
	| { kind: 'start' | 'reveal' | 'twist' | 'question' | 'next' | 'lock' | 'unlock' | 'end' }
	| { kind: 'form'; form: LiveForm; options: string[] }
	| { kind: 'remove'; participant: string }
	| { kind: 'hide' | 'show'; answer: string };

const conflict = (key: string) => problem('conflict', { field: 'form', key });

/**
 * One step of the facilitator's: the state machine. lobby → open (start) → revealed (reveal) →
 * open again on the next question or card (question, next) … → ended (end, from any state).
 * Each step locks the row, changes it, and tells every screen (after commit).
 */
export async function controlLiveSession(db: DbOrTx, actor: Actor, id: string, command: LiveCommand): Promise<Result<{ state: LiveState }>> {
	return db.transaction(async (tx) => {
		const found = await facilitated(tx, actor, id, true);
		if (!found.ok) return found;
		const s = found.value;
		const state = stateOf(s);
		if (state === 'ended') return conflict('cards_live_error_ended');
		const cardId = s.cardIds[s.currentIndex]!;
		const [current] = await cardsOf(tx, [cardId], s.locale);
		let change: Partial<typeof cardSession.$inferInsert> = {};
		switch (command.kind) {
			case 'start':
				if (state !== 'lobby') return conflict('cards_live_error_state');
				change = { state: 'open' };
				break;
			case 'reveal':
				if (state !== 'open') return conflict('cards_live_error_state');
				change = { state: 'revealed' };
				break;
			case 'twist':
				if (state === 'lobby' || !current?.twists.length) return conflict('cards_live_error_state');
				change = { twistShown: true };
				break;
			case 'question':
				if (state === 'lobby' || !current || s.currentQuestion + 1 >= current.questions.length) return conflict('cards_live_error_state');
				change = { state: 'open', currentQuestion: s.currentQuestion + 1 };
				break;
			case 'next':
				if (state === 'lobby' || s.currentIndex + 1 >= s.cardIds.length) return conflict('cards_live_error_state');
				change = { state: 'open', currentIndex: s.currentIndex + 1, currentQuestion: 0, twistShown: false };
				break;
			case 'lock':
			case 'unlock':
				change = { joiningLocked: command.kind === 'lock' };
				break;
			case 'end':
				change = { state: 'ended', endedAt: new Date() };
				break;
			case 'form': {
				if (state === 'revealed') return conflict('cards_live_error_state');
				const [answered] = await tx
					.select({ n: count() })
					.from(cardSessionAnswer)
					.where(and(eq(cardSessionAnswer.sessionId, s.id), eq(cardSessionAnswer.cardId, cardId), eq(cardSessionAnswer.questionIndex, s.currentQuestion)));
				if (answered!.n > 0) return conflict('cards_live_error_answered');
				const options = command.options.map((o) => o.trim()).filter(Boolean);
				if (command.form === 'choice' && (options.length < 2 || options.length > LIVE_OPTIONS_MAX)) return problem('invalid', { field: 'options', key: 'cards_live_error_options' });
				if (options.some((o) => o.length > LIVE_OPTION_MAX)) return problem('too_large', { field: 'options', key: 'error_too_long' });
				change = { forms: { ...s.forms, [formKey(cardId, s.currentQuestion)]: { form: command.form, options: command.form === 'choice' ? options : [] } } };
				break;
			}
			case 'remove': {
				if (!isUuid(command.participant)) return problem('not_found', { field: 'form', key: 'error_invalid' });
				const removed = await tx
					.update(cardSessionParticipant)
					.set({ removed: true })
					.where(and(eq(cardSessionParticipant.id, command.participant), eq(cardSessionParticipant.sessionId, s.id)))
					.returning({ id: cardSessionParticipant.id });
				if (!removed.length) return problem('not_found', { field: 'form', key: 'error_invalid' });
				break;
			}
			case 'hide':
			case 'show': {
				if (!isUuid(command.answer)) return problem('not_found', { field: 'form', key: 'error_invalid' });
				const changed = await tx
					.update(cardSessionAnswer)
					.set({ hidden: command.kind === 'hide' })
					.where(and(eq(cardSessionAnswer.id, command.answer), eq(cardSessionAnswer.sessionId, s.id)))
					.returning({ id: cardSessionAnswer.id });
				if (!changed.length) return problem('not_found', { field: 'form', key: 'error_invalid' });
				break;
			}
		}
		const [row] = await tx
			.update(cardSession)
			.set({ ...change, lastActivityAt: new Date(), expiresAt: idleUntil() })
			.where(eq(cardSession.id, s.id))
			.returning();
		await emit(tx, { type: LIVE_CHANGED, payload: { kind: command.kind }, channel: liveChannel(s.id) });
		return ok({ state: stateOf(row!) });
	});
}

// —— Participants ——

type Ctx = { ip?: string };

/** The session with this code, counting a wrong code against the address; 'rate_limited' once it guessed too often. */
export async function findLiveSession(db: DbOrTx, code: string, ctx: Ctx): Promise<Result<SessionRow>> {
	if (ctx.ip !== undefined && (await exceeded(db, LIMITS.liveCodeFailuresPerIp, ctx.ip))) return problem('rate_limited', { field: 'code', key: 'error_rate_limited' });
	const normal = normaliseLiveCode(code);
	const [row] = normal ? await db.select().from(cardSession).where(eq(cardSession.joinCode, normal)) : [];
	if (!row) {
		// Only a well-formed code is a guess; a typo of the wrong length tells nothing.
		if (normal && ctx.ip !== undefined) await hit(db, LIMITS.liveCodeFailuresPerIp, ctx.ip);
		return problem('not_found', { field: 'code', key: 'cards_live_error_code' });
	}
	return ok(row);
}

/** `currentToken`: the participant cookie the browser already carries, if any. */
export type JoinInput = { name: string; anonymous: boolean; asSelf: boolean; currentToken?: string };

/**
 * Joins the session with this code: as a display name, anonymously, or (signed in) as oneself.
 * Answers the cookie token that identifies the participant from now on (only its hash is kept).
 */
export async function joinLiveSession(db: DbOrTx, actor: Actor, code: string, input: JoinInput, ctx: Ctx): Promise<Result<{ token: string; sessionId: string }>> {
	const found = await findLiveSession(db, code, ctx);
	if (!found.ok) return found;
	const name = input.name.trim();
	if (name.length > LIVE_NAME_MAX) return problem('too_large', { field: 'name', key: 'error_too_long' });
	if (!input.anonymous && !input.asSelf && !name) return problem('invalid', { field: 'name', key: 'cards_live_error_name' });
	return db.transaction(async (tx) => {
		const [s] = await tx.select().from(cardSession).where(eq(cardSession.id, found.value.id)).for('update');
		if (!s || stateOf(s) === 'ended') return problem('conflict', { field: 'code', key: 'cards_live_error_ended' });
		if (s.joiningLocked) return problem('conflict', { field: 'code', key: 'cards_live_error_locked' });
		// A removal sticks: not back with the same browser, nor as the same signed-in person. (Someone
		// anonymous who clears their cookies is a new participant; locking joining stops that too.)
		const same = [
			...(input.currentToken && input.currentToken.length <= 100 ? [eq(cardSessionParticipant.tokenHash, hashToken(input.currentToken))] : []),
			...(actor ? [eq(cardSessionParticipant.userId, actor.id)] : [])
		];
		if (same.length) {
			const [removed] = await tx
				.select({ id: cardSessionParticipant.id })
				.from(cardSessionParticipant)
				.where(and(eq(cardSessionParticipant.sessionId, s.id), eq(cardSessionParticipant.removed, true), or(...same)));
			if (removed) return problem('forbidden', { field: 'code', key: 'cards_live_removed' });
		}
		const [joined] = await tx
			.select({ n: count() })
			.from(cardSessionParticipant)
			.where(and(eq(cardSessionParticipant.sessionId, s.id), eq(cardSessionParticipant.removed, false)));
		if (joined!.n >= s.maxParticipants) return problem('conflict', { field: 'code', key: 'cards_live_error_full' });
		let displayName: string | null = input.anonymous ? null : name || null;
		let userId: string | null = null;
		if (input.asSelf && actor) {
			const [me] = await tx.select({ name: user.displayName }).from(user).where(eq(user.id, actor.id));
			userId = actor.id;
			displayName = me?.name ?? displayName;
		}
		const { token, id: tokenHash } = newToken();
		await tx.insert(cardSessionParticipant).values({ sessionId: s.id, displayName, userId, tokenHash });
		await emit(tx, { type: LIVE_ANSWERED, payload: { kind: 'joined' }, channel: liveChannel(s.id) });
		return ok({ token, sessionId: s.id });
	});
}

type ParticipantRow = typeof cardSessionParticipant.$inferSelect;

/** The participant this cookie token stands for in the session with this code, if any. */
async function participantOf(db: DbOrTx, code: string, token: string | undefined): Promise<{ s: SessionRow; p: ParticipantRow } | undefined> {
	const normal = normaliseLiveCode(code);
	if (!normal || !token || token.length > 100) return undefined;
	const [row] = await db
		.select({ s: cardSession, p: cardSessionParticipant })
		.from(cardSessionParticipant)
		.innerJoin(cardSession, eq(cardSession.id, cardSessionParticipant.sessionId))
		.where(and(eq(cardSessionParticipant.tokenHash, hashToken(token)), eq(cardSession.joinCode, normal)));
	return row;
}

export type ParticipantView = {
	sessionId: string;
	joinCode: string;
	name: string | null;
	removed: boolean;
	state: LiveState;
	index: number;
	total: number;
	question: number;
	current: LiveCard | undefined;
	twistShown: boolean;
	form: LiveAnswerForm;
	myAnswer: string | null;
	results: LiveResults | undefined;
};

/** What a participant's screen shows now; 'not_found' when the token is not one of this session's. */
export async function participantView(db: DbOrTx, code: string, token: string | undefined): Promise<Result<ParticipantView>> {
	const found = await participantOf(db, code, token);
	if (!found) return problem('not_found');
	const { s, p } = found;
	const state = stateOf(s);
	const cardId = s.cardIds[s.currentIndex]!;
	const [current] = state === 'lobby' ? [] : await cardsOf(db, [cardId], s.locale);
	const [mine] = await db
		.select({ value: cardSessionAnswer.value })
		.from(cardSessionAnswer)
		.where(and(eq(cardSessionAnswer.participantId, p.id), eq(cardSessionAnswer.cardId, cardId), eq(cardSessionAnswer.questionIndex, s.currentQuestion)));
	return ok({
		sessionId: s.id,
		joinCode: s.joinCode,
		name: p.displayName,
		removed: p.removed,
		state,
		index: s.currentIndex,
		total: s.cardIds.length,
		question: s.currentQuestion,
		current: p.removed ? undefined : current,
		twistShown: s.twistShown,
		form: formOf(s, cardId, s.currentQuestion),
		myAnswer: mine?.value ?? null,
		results: state === 'revealed' && !p.removed ? await resultsOf(db, s, cardId, s.currentQuestion, false) : undefined
	});
}

/** Whether this token is a (not removed) participant of the session with this code: who may follow its stream. */
export async function participantSession(db: DbOrTx, code: string, token: string | undefined): Promise<Result<{ sessionId: string }>> {
	const found = await participantOf(db, code, token);
	return found ? ok({ sessionId: found.s.id }) : problem('not_found');
}

/**
 * Saves the participant's answer to the question now open (replacing an earlier one). Refused
 * when the question is not open, the participant was removed, the answer does not fit the form,
 * or they answered less than a second ago.
 */
export async function answerLive(db: DbOrTx, code: string, token: string | undefined, value: string): Promise<Result> {
	const found = await participantOf(db, code, token);
	if (!found) return problem('not_found');
	const { s, p } = found;
	if (p.removed) return problem('forbidden', { field: 'answer', key: 'cards_live_removed' });
	if (stateOf(s) !== 'open') return problem('conflict', { field: 'answer', key: 'cards_live_error_closed' });
	const cardId = s.cardIds[s.currentIndex]!;
	const form = formOf(s, cardId, s.currentQuestion);
	const answer = value.trim();
	if (!answer) return problem('invalid', { field: 'answer', key: 'error_required' });
	if (answer.length > LIVE_ANSWER_MAX) return problem('too_large', { field: 'answer', key: 'error_too_long' });
	if (form.form === 'choice' && !form.options.some((_, i) => String(i) === answer)) return problem('invalid', { field: 'answer', key: 'error_invalid' });
	if (form.form === 'scale' && !(LIVE_SCALE as readonly string[]).includes(answer)) return problem('invalid', { field: 'answer', key: 'error_invalid' });
	return db.transaction(async (tx) => {
		// At most one answer a second per participant (the row's time, shared by every instance).
		const allowed = await tx
			.update(cardSessionParticipant)
			.set({ lastAnswerAt: sql`now()` })
			.where(and(eq(cardSessionParticipant.id, p.id), sql`(${cardSessionParticipant.lastAnswerAt} is null or ${cardSessionParticipant.lastAnswerAt} < now() - interval '1 second')`))
			.returning({ id: cardSessionParticipant.id });
		if (!allowed.length) return problem('rate_limited', { field: 'answer', key: 'error_rate_limited' });
		await tx
			.insert(cardSessionAnswer)
			.values({ sessionId: s.id, participantId: p.id, cardId, questionIndex: s.currentQuestion, value: answer })
			.onConflictDoUpdate({
				target: [cardSessionAnswer.participantId, cardSessionAnswer.cardId, cardSessionAnswer.questionIndex],
				set: { value: answer, hidden: false, createdAt: sql`now()` }
			});
		// Keeps the session alive; at most twice a minute, because every answer of the room taking
		// the session row's lock in turn would queue a thousand answers behind one another.
		await tx
			.update(cardSession)
			.set({ lastActivityAt: new Date(), expiresAt: idleUntil() })
			.where(and(eq(cardSession.id, s.id), sql`${cardSession.lastActivityAt} < now() - interval '30 seconds'`));
		await emit(tx, { type: LIVE_ANSWERED, payload: { kind: 'answered' }, channel: liveChannel(s.id) });
		return ok();
	});
}

// —— After the session ——

export type LiveSummary = {
	id: string;
	joinCode: string;
	createdAt: Date;
	state: LiveState;
	participants: number;
	anonymous: boolean;
	cards: { title: string; questions: { text: string; results: LiveResults }[] }[];
};

/** The facilitator's summary: every card shown, every question answered, with its results. */
export async function liveSummary(db: DbOrTx, actor: Actor, id: string): Promise<Result<LiveSummary>> {
	const found = await facilitated(db, actor, id);
	if (!found.ok) return found;
	const s = found.value;
	const cards = await cardsOf(db, s.cardIds, s.locale);
	const shown = stateOf(s) === 'lobby' ? [] : cards.slice(0, s.currentIndex + 1);
	const [joined] = await db.select({ n: count() }).from(cardSessionParticipant).where(and(eq(cardSessionParticipant.sessionId, s.id), eq(cardSessionParticipant.removed, false)));
	const out: LiveSummary['cards'] = [];
	for (const c of shown) {
		const questions: LiveSummary['cards'][number]['questions'] = [];
		for (const [i, text] of c.questions.entries()) {
			const results = await resultsOf(db, s, c.id, i, true);
			if (results.total > 0 || (c.id === s.cardIds[s.currentIndex] && i <= s.currentQuestion)) questions.push({ text, results });
		}
		out.push({ title: c.title, questions });
	}
	return ok({ id: s.id, joinCode: s.joinCode, createdAt: s.createdAt, state: stateOf(s), participants: joined!.n, anonymous: s.anonymousAnswers, cards: out });
}


/** The summary as CSV: one row per answer (hidden ones marked), or per count of a choice or scale. */
export function summaryCsv(summary: LiveSummary, labels: { free: string; choice: string; scale: string }): string {
	const rows: string[][] = [];
	for (const c of summary.cards)
		for (const q of c.questions) {
			const form = labels[q.results.form.form];
			if (q.results.form.form === 'free')
				for (const t of q.results.texts) rows.push([csvCell(c.title), csvCell(q.text), form, csvCell(t.value), '', t.hidden ? 'hidden' : '', csvCell(t.name ?? '')]);
			else for (const n of q.results.counts) rows.push([csvCell(c.title), csvCell(q.text), form, csvCell(n.label), String(n.count), '', '']);
		}
	return csvText(['card', 'question', 'form', 'answer', 'count', 'hidden', 'participant'], rows);
}

/**
 * Ends sessions idle past their expiry (so their screens say so) and deletes the answers of
 * anonymous participants (no account) of sessions ended more than `days` ago. Returns how many ended.
 */
export async function expireLiveSessions(db: DbOrTx, days: number): Promise<number> {
	const ended = await db
		.update(cardSession)
		.set({ state: 'ended', endedAt: sql`now()` })
		.where(and(ne(cardSession.state, 'ended'), lt(cardSession.expiresAt, sql`now()`)))
		.returning({ id: cardSession.id });
	for (const s of ended) await emit(db, { type: LIVE_CHANGED, payload: { kind: 'end' }, channel: liveChannel(s.id) });
	await db.execute(sql`delete from card_session_answer a using card_session_participant p, card_session s
		where p.id = a.participant_id and s.id = a.session_id and p.user_id is null
		and s.ended_at is not null and s.ended_at < now() - make_interval(days => ${days})`);
	return ended.length;
}

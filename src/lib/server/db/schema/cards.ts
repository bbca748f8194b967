import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';

/**
 * An ethics card: a situation card (with questions and "What if?" twists) or a one-question card
 * of one guideline group's deck. Its wording lives in one translation per locale.
 */
export const card = pgTable(
	'card',
	{
		id: serial('id').primaryKey(),
		slug: text('slug').notNull().unique(),
		// 'situations' | 'competence' | 'relation' | 'reflection'
		deck: text('deck').notNull(),
		// The order within the deck (the files' order).
		position: integer('position').notNull(),
		sector: text('sector'),
		clientGroup: text('client_group'),
		// Numbers 1–12 of the ethical guidelines the card touches.
		guidelines: integer('guidelines')
			.array()
			.notNull()
			.default(sql`'{}'::integer[]`),
		// Keys of the reflection-model steps the card touches (challenge, framework, …).
		steps: text('steps')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		// Written by the platform, not taken from the Norwegian cards.
		ownWriting: boolean('own_writing').notNull().default(true),
		importedHash: text('imported_hash'),
		editedInPlatform: boolean('edited_in_platform').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('card_deck_idx').on(t.deck, t.position),
		index('card_sector_idx').on(t.sector),
		index('card_client_group_idx').on(t.clientGroup),
		index('card_guidelines_idx').using('gin', t.guidelines)
	]
);

export const cardTranslation = pgTable(
	'card_translation',
	{
		cardId: integer('card_id')
			.notNull()
			.references(() => card.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		// The situation (empty for a one-question card, whose question is its title).
		situation: text('situation').notNull().default(''),
		questions: text('questions')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		twists: text('twists')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.cardId, t.locale] })]
);

/** The wording a card had before each change (import of a changed file), newest last. */
export const cardRevision = pgTable(
	'card_revision',
	{
		id: serial('id').primaryKey(),
		cardId: integer('card_id')
			.notNull()
			.references(() => card.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		// 'import' for now; an editor's change would say 'editor'.
		source: text('source').notNull(),
		previous: jsonb('previous').$type<CardWording | null>(),
		current: jsonb('current').$type<CardWording>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('card_revision_card_idx').on(t.cardId, t.createdAt)]
);

export type CardWording = { title: string; situation: string; questions: string[]; twists: string[] };

/** A person's walk through the reflection model on one card: private notes, one per step. */
export const cardReflection = pgTable(
	'card_reflection',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		cardId: integer('card_id')
			.notNull()
			.references(() => card.id, { onDelete: 'cascade' }),
		// Step key → what the person wrote.
		answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('card_reflection_user_card_idx').on(t.userId, t.cardId), index('card_reflection_user_idx').on(t.userId, t.updatedAt)]
);

/** How a question of a live session is answered: free text, one of some options, or a 1–5 agree scale. */
export type LiveAnswerForm = { form: 'free' | 'choice' | 'scale'; options: string[] };

/**
 * A live session with ethics cards: a facilitator shows cards one by one, participants answer on
 * their phones. Every change of state is an update of this row (so it survives a restart and works
 * across instances) with an event on the channel `cardsession:<id>`.
 */
export const cardSession = pgTable(
	'card_session',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		facilitatorId: uuid('facilitator_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		// The cards in the order they are shown, and the language they are shown in.
		cardIds: integer('card_ids').array().notNull(),
		locale: text('locale').notNull(),
		currentIndex: integer('current_index').notNull().default(0),
		currentQuestion: integer('current_question').notNull().default(0),
		// `<card id>:<question index>` → the answer form chosen for it (free text when absent).
		forms: jsonb('forms').$type<Record<string, LiveAnswerForm>>().notNull().default({}),
		twistShown: boolean('twist_shown').notNull().default(false),
		// 'lobby' | 'open' | 'revealed' | 'ended'
		state: text('state').notNull().default('lobby'),
		joinCode: text('join_code').notNull().unique(),
		joiningLocked: boolean('joining_locked').notNull().default(false),
		// Whether the facilitator's views show who gave which answer (never to other participants).
		anonymousAnswers: boolean('anonymous_answers').notNull().default(true),
		maxParticipants: integer('max_participants').notNull().default(1000),
		lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('card_session_facilitator_idx').on(t.facilitatorId, t.createdAt), index('card_session_expires_idx').on(t.state, t.expiresAt)]
);

/** Someone who joined a live session: a display name (or none), an account only if signed in. */
export const cardSessionParticipant = pgTable(
	'card_session_participant',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => cardSession.id, { onDelete: 'cascade' }),
		displayName: text('display_name'),
		userId: uuid('user_id').references(() => user.id, { onDelete: 'set null' }),
		// The hash of the participant's cookie token (the token itself is never stored).
		tokenHash: text('token_hash').notNull().unique(),
		removed: boolean('removed').notNull().default(false),
		lastAnswerAt: timestamp('last_answer_at', { withTimezone: true }),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('card_session_participant_session_idx').on(t.sessionId), index('card_session_participant_user_idx').on(t.userId)]
);

/** One participant's answer to one question of one card in a live session (the last one given). */
export const cardSessionAnswer = pgTable(
	'card_session_answer',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => cardSession.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => cardSessionParticipant.id, { onDelete: 'cascade' }),
		cardId: integer('card_id')
			.notNull()
			.references(() => card.id, { onDelete: 'cascade' }),
		questionIndex: integer('question_index').notNull(),
		value: text('value').notNull(),
		// Hidden by the facilitator (e.g. offensive): not shown in the results.
		hidden: boolean('hidden').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('card_session_answer_unique_idx').on(t.participantId, t.cardId, t.questionIndex),
		index('card_session_answer_session_idx').on(t.sessionId, t.cardId, t.questionIndex)
	]
);

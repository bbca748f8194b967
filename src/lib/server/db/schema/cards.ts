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

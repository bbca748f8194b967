import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';
import { storedFile } from './files.ts';
import { courseModule } from './learn.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One entry of a person's CPD log. Hours are kept in quarter hours (`quarters`), so 0.25 steps are
 * exact. An entry made by completing a Learn module remembers the module (one entry per module and
 * person: completing it again never counts twice) and stays a draft until its owner confirms it.
 */
export const cpdEntry = pgTable(
	'cpd_entry',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		type: text('type').notNull(),
		startsOn: date('starts_on').notNull(),
		endsOn: date('ends_on'),
		quarters: integer('quarters').notNull(),
		provider: text('provider').notNull().default(''),
		competenceAreas: jsonb('competence_areas').$type<string[]>().notNull().default([]),
		reflection: text('reflection').notNull().default(''),
		status: text('status').notNull().default('confirmed'),
		sourceModuleId: integer('source_module_id').references(() => courseModule.id, { onDelete: 'set null' }),
		createdAt: stamp('created_at').notNull().defaultNow(),
		updatedAt: stamp('updated_at').notNull().defaultNow()
	},
	(t) => [
		index('cpd_entry_user_idx').on(t.userId, t.startsOn),
		uniqueIndex('cpd_entry_module_idx').on(t.userId, t.sourceModuleId)
	]
);

/**
 * A person's CPD settings: the yearly target, the month their CPD year starts, and whether they
 * want a reminder by mail when the year's end nears and the target is not met (`remindedYear`: the
 * CPD year last reminded of, so each year is reminded of once).
 */
export const cpdSettings = pgTable(
	'cpd_settings',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => user.id, { onDelete: 'cascade' }),
		targetQuarters: integer('target_quarters').notNull().default(100),
		yearStartMonth: smallint('year_start_month').notNull().default(1),
		remind: boolean('remind').notNull().default(false),
		remindedYear: integer('reminded_year'),
		updatedAt: stamp('updated_at').notNull().defaultNow()
	},
	// The reminder sweep reads only those who asked for reminders.
	(t) => [index('cpd_settings_remind_idx').on(t.userId).where(sql`${t.remind}`)]
);

/** A file attached to a CPD entry as evidence (a certificate, a programme): private to the entry's owner. */
export const cpdEvidence = pgTable(
	'cpd_evidence',
	{
		fileId: uuid('file_id')
			.primaryKey()
			.references(() => storedFile.id, { onDelete: 'cascade' }),
		entryId: uuid('entry_id')
			.notNull()
			.references(() => cpdEntry.id, { onDelete: 'cascade' })
	},
	(t) => [index('cpd_evidence_entry_idx').on(t.entryId)]
);

import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';
import { frameworkVersion } from './frameworks.ts';
import { organisation } from './organisations.ts';
import { resource } from './resources.ts';

// Our quality: a service assesses itself against an assessment framework (a framework version
// whose nodes are areas → criteria → indicators, with a scale). Answers name indicators by their
// key, not by node id: re-importing a framework file replaces its node rows, the keys stay.

/** The figures of one area or criterion of a closed round (see quality/results.ts), kept in `results`. */
export type StoredFigures = {
	n: number;
	median: number | null;
	q1: number | null;
	q3: number | null;
	iqr: number | null;
	distribution: number[];
	byRole: { role: 'leader' | 'practitioner' | 'external'; n: number; median: number | null }[];
	divergence: ('spread' | 'roles')[];
	rag: 'red' | 'amber' | 'green' | null;
};
/** A round's results without words, by `area:key` / `criterion:key`. */
export type StoredResults = { raters: number; respondents: number; figures: Record<string, StoredFigures> };

/** One assessment round of an organisation on a framework version. */
export const qualityRound = pgTable(
	'quality_round',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		frameworkVersionId: integer('framework_version_id')
			.notNull()
			.references(() => frameworkVersion.id),
		title: text('title').notNull(),
		deadline: date('deadline', { mode: 'string' }).notNull(),
		anonymous: boolean('anonymous').notNull().default(true),
		/** The leader chose to see the results (from the answers so far) while the round is open. */
		liveResults: boolean('live_results').notNull().default(false),
		/** The organisation roles asked to rate ('leader' covers owners too, 'member'). */
		raterRoles: text('rater_roles')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		/** The areas in scope (their node keys). */
		areaKeys: text('area_keys')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		status: text('status').notNull().default('open'),
		// No foreign key: the round stays the organisation's when its opener's account goes (erased to null).
		createdBy: uuid('created_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		/** A closed round's figures (quality/results.ts StoredResults), kept when it closes. */
		results: jsonb('results').$type<StoredResults>()
	},
	(t) => [index('quality_round_organisation_idx').on(t.organisationId, t.createdAt), index('quality_round_created_by_idx').on(t.createdBy)]
);

/**
 * Someone asked to rate in a round: a member (user id) or an external rater reached by a link
 * (the SHA-256 of the link's token; the token itself is never stored). Role: 'leader',
 * 'practitioner' or 'external'. A deleted account leaves its answers as an anonymous rater's.
 */
export const qualityRater = pgTable(
	'quality_rater',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roundId: uuid('round_id')
			.notNull()
			.references(() => qualityRound.id, { onDelete: 'cascade' }),
		userId: uuid('user_id').references(() => user.id, { onDelete: 'set null' }),
		role: text('role').notNull(),
		linkHash: text('link_hash'),
		label: text('label'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('quality_rater_round_idx').on(t.roundId),
		uniqueIndex('quality_rater_user_idx').on(t.userId, t.roundId),
		uniqueIndex('quality_rater_link_idx').on(t.linkHash)
	]
);

/** A rater's answer to one indicator: a scale value (null: cannot judge), evidence and a comment. */
export const qualityAnswer = pgTable(
	'quality_answer',
	{
		raterId: uuid('rater_id')
			.notNull()
			.references(() => qualityRater.id, { onDelete: 'cascade' }),
		indicatorKey: text('indicator_key').notNull(),
		value: integer('value'),
		evidence: text('evidence').notNull().default(''),
		comment: text('comment').notNull().default(''),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.raterId, t.indicatorKey] })]
);

/** The areas a rater has saved: their progress through the round. */
export const qualityRaterArea = pgTable(
	'quality_rater_area',
	{
		raterId: uuid('rater_id')
			.notNull()
			.references(() => qualityRater.id, { onDelete: 'cascade' }),
		areaKey: text('area_key').notNull(),
		savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.raterId, t.areaKey] })]
);

/**
 * An action of an organisation's development plan: a goal, what will be done, by whom and when,
 * its status and notes, the criterion it answers and the staff training it links to (a course, a
 * lesson or a resource of the library). It belongs to the organisation, so it carries from round
 * to round until done.
 */
export const qualityAction = pgTable(
	'quality_action',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		roundId: uuid('round_id').references(() => qualityRound.id, { onDelete: 'set null' }),
		criterionKey: text('criterion_key'),
		goal: text('goal').notNull(),
		title: text('title').notNull(),
		ownerId: uuid('owner_id').references(() => user.id, { onDelete: 'set null' }),
		deadline: date('deadline', { mode: 'string' }),
		status: text('status').notNull().default('planned'),
		notes: text('notes').notNull().default(''),
		/** Staff training: a course slug, and optionally one of its lessons ('module/lesson'). */
		courseSlug: text('course_slug'),
		lessonRef: text('lesson_ref'),
		/** Or a resource of the library (its row; the link goes if the resource does). */
		resourceId: integer('resource_id').references(() => resource.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('quality_action_organisation_idx').on(t.organisationId, t.status), index('quality_action_owner_idx').on(t.ownerId)]
);

/**
 * An organisation that contributes to the sector benchmark (the row's presence: opted in). Set by
 * its leaders, audit-logged; leaving takes its contributions away.
 */
export const qualityBenchmarkOptIn = pgTable('quality_benchmark_opt_in', {
	organisationId: uuid('organisation_id')
		.primaryKey()
		.references(() => organisation.id, { onDelete: 'cascade' }),
	// No foreign key: the choice stays the organisation's when the leader's account goes.
	optedInBy: uuid('opted_in_by'),
	optedInAt: timestamp('opted_in_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * A closed round's anonymised contribution to the benchmark: its area medians only (those shown,
 * i.e. of at least three raters), with the organisation's sector when it was given. Other
 * organisations only ever see medians over five or more organisations.
 */
export const qualityBenchmarkContribution = pgTable(
	'quality_benchmark_contribution',
	{
		roundId: uuid('round_id')
			.primaryKey()
			.references(() => qualityRound.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		sector: text('sector').notNull(),
		frameworkVersionId: integer('framework_version_id')
			.notNull()
			.references(() => frameworkVersion.id),
		/** Area key → median. */
		medians: jsonb('medians').$type<Record<string, number>>().notNull(),
		closedAt: timestamp('closed_at', { withTimezone: true }).notNull()
	},
	(t) => [index('quality_benchmark_sector_idx').on(t.frameworkVersionId, t.sector, t.organisationId, t.closedAt), index('quality_benchmark_organisation_idx').on(t.organisationId)]
);

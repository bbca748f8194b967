import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';
import { frameworkVersion } from './frameworks.ts';
import { organisation } from './organisations.ts';
import { qualityAction } from './quality.ts';

// The practice inventory: guidance services, programmes and tools described with the ICT and LMI
// mapping template (a framework version). `fields` holds the answers keyed by the template's
// field keys; the facet columns repeat the chosen options of the facet fields so that browsing
// filters and counts with GIN indexes instead of reading every record's JSON.

/** One field of a practice: its free text and the option keys chosen from its list. */
export type PracticeFieldValue = { text?: string; options?: string[] };
export type PracticeFields = Record<string, PracticeFieldValue>;
/**
 * One language's translation of a practice, part by part: its title, its summary and the free text
 * of its template fields (keyed by field key). A part that is missing is shown in the source
 * language, marked as such; the chosen options need no translation (the template has its own).
 */
export type PracticeTranslation = {
	title?: string;
	summary?: string;
	fields?: Record<string, string>;
	/**
	 * Per translated part, a mark of the source text it was translated from (practices/wording.ts):
	 * a part whose source has changed since is shown as out of date. Absent on translations saved
	 * before marks were kept (those are taken as up to date).
	 */
	sources?: Record<string, string>;
};
export type PracticeTranslations = Partial<Record<string, PracticeTranslation>>;

const textArray = (name: string) =>
	text(name)
		.array()
		.notNull()
		.default(sql`'{}'::text[]`);

export const practice = pgTable(
	'practice',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Shipped records only: the file name in content/practices. */
		slug: text('slug').unique(),
		/** The organisation that owns it (its members co-edit); null: the person who created it owns it. */
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'set null' }),
		/** Who created it; null for shipped examples and after the account is erased. */
		ownerId: uuid('owner_id').references(() => user.id, { onDelete: 'set null' }),
		frameworkVersionId: integer('framework_version_id')
			.notNull()
			.references(() => frameworkVersion.id),
		status: text('status').notNull().default('draft'),
		/** The language the record was written in. */
		locale: text('locale').notNull().default('en'),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		translations: jsonb('translations').$type<PracticeTranslations>().notNull().default({}),
		country: text('country').notNull(),
		region: text('region').notNull().default(''),
		sector: text('sector').notNull(),
		languages: textArray('languages'),
		startYear: integer('start_year'),
		licence: text('licence').notNull().default('CC-BY-4.0'),
		fields: jsonb('fields').$type<PracticeFields>().notNull().default({}),
		themes: textArray('themes'),
		functions: textArray('functions'),
		rationales: textArray('rationales'),
		audiences: textArray('audiences'),
		funding: textArray('funding'),
		barriers: textArray('barriers'),
		channels: textArray('channels'),
		/** A sample record shipped with the platform, marked as such wherever it is shown. */
		example: boolean('example').notNull().default(false),
		reviewComment: text('review_comment').notNull().default(''),
		importedHash: text('imported_hash'),
		editedInPlatform: boolean('edited_in_platform').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		publishedAt: timestamp('published_at', { withTimezone: true })
	},
	(t) => [
		index('practice_status_idx').on(t.status, t.updatedAt),
		index('practice_country_idx').on(t.country),
		index('practice_sector_idx').on(t.sector),
		index('practice_start_year_idx').on(t.startYear),
		index('practice_organisation_idx').on(t.organisationId),
		index('practice_owner_idx').on(t.ownerId),
		index('practice_themes_idx').using('gin', t.themes),
		index('practice_functions_idx').using('gin', t.functions),
		index('practice_rationales_idx').using('gin', t.rationales),
		index('practice_audiences_idx').using('gin', t.audiences),
		index('practice_funding_idx').using('gin', t.funding),
		index('practice_barriers_idx').using('gin', t.barriers),
		index('practice_channels_idx').using('gin', t.channels)
	]
);

/** What a practice was before a save that changed a submitted or published record. */
export const practiceRevision = pgTable(
	'practice_revision',
	{
		id: serial('id').primaryKey(),
		practiceId: uuid('practice_id')
			.notNull()
			.references(() => practice.id, { onDelete: 'cascade' }),
		status: text('status').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		fields: jsonb('fields').$type<PracticeFields>().notNull(),
		/** The translations as they were (null: a revision kept before translations were part of one). */
		translations: jsonb('translations').$type<PracticeTranslations>(),
		// No foreign key: the revision stays when the editor's account goes (erased to null).
		editorId: uuid('editor_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('practice_revision_practice_idx').on(t.practiceId, t.createdAt), index('practice_revision_editor_idx').on(t.editorId)]
);

/**
 * An organisation's self-benchmark against the mapping template's good-policy elements: the
 * themes it chose, private to its members until a leader publishes it. One per organisation.
 */
export const practiceBenchmark = pgTable('practice_benchmark', {
	id: uuid('id').primaryKey().defaultRandom(),
	organisationId: uuid('organisation_id')
		.notNull()
		.unique()
		.references(() => organisation.id, { onDelete: 'cascade' }),
	frameworkVersionId: integer('framework_version_id')
		.notNull()
		.references(() => frameworkVersion.id),
	/** The template's theme keys the organisation benchmarks itself on. */
	themes: textArray('themes'),
	published: boolean('published').notNull().default(false),
	publishedAt: timestamp('published_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A good-policy element the organisation says it meets, with the evidence for it (keyed by the template's element key). */
export const practiceBenchmarkElement = pgTable(
	'practice_benchmark_element',
	{
		benchmarkId: uuid('benchmark_id')
			.notNull()
			.references(() => practiceBenchmark.id, { onDelete: 'cascade' }),
		elementKey: text('element_key').notNull(),
		met: boolean('met').notNull().default(false),
		evidence: text('evidence').notNull().default(''),
		// No foreign key: the tick stays when its author's account goes (erased to null).
		updatedBy: uuid('updated_by'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.benchmarkId, t.elementKey] }), index('practice_benchmark_element_updated_by_idx').on(t.updatedBy)]
);

/** A target the organisation sets to close a gap: due date, owner (a member), status, optionally a development-plan action of Our quality. */
export const practiceTarget = pgTable(
	'practice_target',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		benchmarkId: uuid('benchmark_id')
			.notNull()
			.references(() => practiceBenchmark.id, { onDelete: 'cascade' }),
		/** The theme (or one good-policy element of it) the target answers. */
		themeKey: text('theme_key').notNull(),
		elementKey: text('element_key'),
		title: text('title').notNull(),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		ownerId: uuid('owner_id').references(() => user.id, { onDelete: 'set null' }),
		status: text('status').notNull().default('planned'),
		qualityActionId: uuid('quality_action_id').references(() => qualityAction.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('practice_target_benchmark_idx').on(t.benchmarkId, t.dueOn),
		index('practice_target_owner_idx').on(t.ownerId),
		index('practice_target_quality_action_idx').on(t.qualityActionId)
	]
);

/** Every status a target went through, dated: how it was tracked over time. */
export const practiceTargetStatus = pgTable(
	'practice_target_status',
	{
		id: serial('id').primaryKey(),
		targetId: uuid('target_id')
			.notNull()
			.references(() => practiceTarget.id, { onDelete: 'cascade' }),
		status: text('status').notNull(),
		note: text('note').notNull().default(''),
		// No foreign key: the history stays when its author's account goes (erased to null).
		changedBy: uuid('changed_by'),
		changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('practice_target_status_target_idx').on(t.targetId, t.changedAt), index('practice_target_status_changed_by_idx').on(t.changedBy)]
);

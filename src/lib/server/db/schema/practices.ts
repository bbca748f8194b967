import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';
import { frameworkVersion } from './frameworks.ts';
import { organisation } from './organisations.ts';

// The practice inventory: guidance services, programmes and tools described with the ICT and LMI
// mapping template (a framework version). `fields` holds the answers keyed by the template's
// field keys; the facet columns repeat the chosen options of the facet fields so that browsing
// filters and counts with GIN indexes instead of reading every record's JSON.

/** One field of a practice: its free text and the option keys chosen from its list. */
export type PracticeFieldValue = { text?: string; options?: string[] };
export type PracticeFields = Record<string, PracticeFieldValue>;
/** A translation of a practice's title and summary (the other fields stay in the source language). */
export type PracticeTranslations = Partial<Record<string, { title: string; summary: string }>>;

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
		// No foreign key: the revision stays when the editor's account goes (erased to null).
		editorId: uuid('editor_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('practice_revision_practice_idx').on(t.practiceId, t.createdAt), index('practice_revision_editor_idx').on(t.editorId)]
);

import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';
import { storedFile } from './files.ts';
import { organisation } from './organisations.ts';

const textArray = (name: string) =>
	text(name)
		.array()
		.notNull()
		.default(sql`'{}'::text[]`);

/**
 * A resource of the library: a film, podcast, article, material or link of the quality laboratory,
 * or a conversation starter, activity or reflection item of "Your career learning". Shipped ones
 * come from content/resources (source 'content'); members propose others (source 'member'), which
 * editors publish or reject. Its wording lives in one translation per locale.
 */
export const resource = pgTable(
	'resource',
	{
		id: serial('id').primaryKey(),
		slug: text('slug').notNull().unique(),
		// film | podcast | article | material | link | starter | activity | reflection
		kind: text('kind').notNull(),
		// draft | published | rejected
		status: text('status').notNull().default('draft'),
		// content | member
		source: text('source').notNull(),
		sectors: textArray('sectors'),
		targets: textArray('targets'),
		settings: textArray('settings'),
		// Minutes.
		duration: integer('duration'),
		// The languages the material itself exists in (not the platform's translations).
		languages: textArray('languages'),
		licence: text('licence').notNull().default(''),
		publisher: text('publisher').notNull().default(''),
		url: text('url'),
		year: integer('year'),
		qualityAreas: textArray('quality_areas'),
		// A film or podcast hosted or linked: whether captions or a transcript exist (the media rule).
		captions: boolean('captions').notNull().default(false),
		// Written by the platform (the shipped career-learning items).
		ownWriting: boolean('own_writing').notNull().default(false),
		viewCount: integer('view_count').notNull().default(0),
		// Who proposed it (member proposals); null for shipped content or after erasure.
		authorId: uuid('author_id').references(() => user.id, { onDelete: 'set null' }),
		importedHash: text('imported_hash'),
		editedInPlatform: boolean('edited_in_platform').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		publishedAt: timestamp('published_at', { withTimezone: true })
	},
	(t) => [
		index('resource_status_kind_idx').on(t.status, t.kind),
		index('resource_duration_idx').on(t.duration),
		index('resource_author_idx').on(t.authorId),
		index('resource_sectors_idx').using('gin', t.sectors),
		index('resource_targets_idx').using('gin', t.targets),
		index('resource_settings_idx').using('gin', t.settings),
		index('resource_languages_idx').using('gin', t.languages),
		index('resource_quality_areas_idx').using('gin', t.qualityAreas)
	]
);

/** A resource's title, summary and body (Markdown) in one locale, with its translation status. */
export const resourceTranslation = pgTable(
	'resource_translation',
	{
		resourceId: integer('resource_id')
			.notNull()
			.references(() => resource.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		body: text('body').notNull().default(''),
		// current | outdated (the English source changed after this translation)
		status: text('status').notNull().default('current'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.resourceId, t.locale] }), index('resource_translation_locale_idx').on(t.locale)]
);

/** A resource linked to a node of a framework (a career button, a learning outcome, a competence area). */
export const resourceLink = pgTable(
	'resource_link',
	{
		resourceId: integer('resource_id')
			.notNull()
			.references(() => resource.id, { onDelete: 'cascade' }),
		frameworkSlug: text('framework_slug').notNull(),
		nodeKey: text('node_key').notNull()
	},
	(t) => [primaryKey({ columns: [t.resourceId, t.frameworkSlug, t.nodeKey] }), index('resource_link_node_idx').on(t.frameworkSlug, t.nodeKey)]
);

/** A resource on a person's shelf. */
export const resourceFavourite = pgTable(
	'resource_favourite',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		resourceId: integer('resource_id')
			.notNull()
			.references(() => resource.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.resourceId] }), index('resource_favourite_resource_idx').on(t.resourceId)]
);

/** A planned session: activities picked for a group, in order, with notes; shareable with one organisation. */
export const resourcePlan = pgTable(
	'resource_plan',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		// The group the session is for (free text: "Year 10, class B").
		groupName: text('group_name').notNull().default(''),
		notes: text('notes').notNull().default(''),
		// Shared with this organisation's members (view only); null: private.
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('resource_plan_user_idx').on(t.userId, t.updatedAt), index('resource_plan_organisation_idx').on(t.organisationId)]
);

/** One step of a plan: a resource, its place and the planner's note. */
export const resourcePlanStep = pgTable(
	'resource_plan_step',
	{
		id: serial('id').primaryKey(),
		planId: uuid('plan_id')
			.notNull()
			.references(() => resourcePlan.id, { onDelete: 'cascade' }),
		resourceId: integer('resource_id')
			.notNull()
			.references(() => resource.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		notes: text('notes').notNull().default('')
	},
	(t) => [index('resource_plan_step_plan_idx').on(t.planId, t.position)]
);

/**
 * A file of a resource: its uploaded media (one video or audio), captions (WebVTT, one per
 * language), a transcript, or another file to download (PDF, images). The bytes are a stored_file;
 * they are deleted with the resource (resources/files.ts), the link row goes with either.
 */
export const resourceFile = pgTable(
	'resource_file',
	{
		fileId: uuid('file_id')
			.primaryKey()
			.references(() => storedFile.id, { onDelete: 'cascade' }),
		resourceId: integer('resource_id')
			.notNull()
			.references(() => resource.id, { onDelete: 'cascade' }),
		// media | captions | transcript | attachment
		role: text('role').notNull(),
		// The language of captions or a transcript (ISO 639-1); null for media and attachments.
		language: text('language')
	},
	(t) => [index('resource_file_resource_idx').on(t.resourceId)]
);

/** Every change an editor makes to a resource's text in one language: the text before and after. */
export const resourceRevision = pgTable(
	'resource_revision',
	{
		id: serial('id').primaryKey(),
		resourceId: integer('resource_id')
			.notNull()
			.references(() => resource.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		previousTitle: text('previous_title'),
		previousSummary: text('previous_summary'),
		previousBody: text('previous_body'),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		body: text('body').notNull(),
		// Kept when the editor's account is deleted (shown as a deleted user).
		editorId: uuid('editor_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('resource_revision_resource_idx').on(t.resourceId, t.locale, t.createdAt)]
);

import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** A reference framework of the profession (quality framework, competence standards, …). */
export const framework = pgTable('framework', {
	id: serial('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * One version of a framework. A new version is a new row: what people recorded against an older
 * version keeps pointing at it.
 */
export const frameworkVersion = pgTable(
	'framework_version',
	{
		id: serial('id').primaryKey(),
		frameworkId: integer('framework_id')
			.notNull()
			.references(() => framework.id, { onDelete: 'cascade' }),
		version: text('version').notNull(),
		status: text('status').notNull().default('published'),
		sourceCitation: text('source_citation').notNull(),
		sourceUrl: text('source_url'),
		licence: text('licence'),
		importedHash: text('imported_hash'),
		editedInPlatform: boolean('edited_in_platform').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('framework_version_idx').on(t.frameworkId, t.version)]
);

export const frameworkVersionTranslation = pgTable(
	'framework_version_translation',
	{
		versionId: integer('version_id')
			.notNull()
			.references(() => frameworkVersion.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default('')
	},
	(t) => [primaryKey({ columns: [t.versionId, t.locale] })]
);

/** A node of a framework version's tree: an area, a group, an item, a step, an option… */
export const frameworkNode = pgTable(
	'framework_node',
	{
		id: serial('id').primaryKey(),
		versionId: integer('version_id')
			.notNull()
			.references(() => frameworkVersion.id, { onDelete: 'cascade' }),
		parentId: integer('parent_id').references((): AnyPgColumn => frameworkNode.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		kind: text('kind').notNull(),
		code: text('code'),
		position: integer('position').notNull(),
		// The platform's working draft, to be replaced by the official text.
		draft: boolean('draft').notNull().default(false),
		// Unknown to us: to be supplied by an editor.
		placeholder: boolean('placeholder').notNull().default(false)
	},
	(t) => [uniqueIndex('framework_node_key_idx').on(t.versionId, t.key), index('framework_node_tree_idx').on(t.versionId, t.parentId, t.position)]
);

export const frameworkNodeTranslation = pgTable(
	'framework_node_translation',
	{
		nodeId: integer('node_id')
			.notNull()
			.references(() => frameworkNode.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.nodeId, t.locale] })]
);

/** Every change an editor makes to a node's wording: who, when, what it was and what it became. */
export const frameworkNodeRevision = pgTable(
	'framework_node_revision',
	{
		id: serial('id').primaryKey(),
		nodeId: integer('node_id')
			.notNull()
			.references(() => frameworkNode.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		previousTitle: text('previous_title'),
		previousBody: text('previous_body'),
		title: text('title').notNull(),
		body: text('body').notNull(),
		// Kept when the editor's account is deleted: the revision stays, shown as a deleted user.
		editorId: uuid('editor_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('framework_node_revision_node_idx').on(t.nodeId, t.createdAt)]
);

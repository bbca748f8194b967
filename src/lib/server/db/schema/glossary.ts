import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';

/** A term of the field; its wording lives in one translation per locale. */
export const glossaryTerm = pgTable('glossary_term', {
	id: serial('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	sourceCitation: text('source_citation').notNull(),
	sourceUrl: text('source_url'),
	related: text('related')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	// Hash of the content file as last imported: an unchanged file is skipped.
	importedHash: text('imported_hash'),
	// Set when an editor changes the term in the platform; the importer then leaves it alone.
	editedInPlatform: boolean('edited_in_platform').notNull().default(false),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const glossaryTranslation = pgTable(
	'glossary_translation',
	{
		termId: integer('term_id')
			.notNull()
			.references(() => glossaryTerm.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		term: text('term').notNull(),
		definition: text('definition').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ columns: [table.termId, table.locale] }),
		// The A–Z page lists one locale's terms in alphabetical order.
		index('glossary_translation_locale_term_idx').on(table.locale, table.term)
	]
);

/** Every change an editor makes to a term's wording: who, when, what it was and what it became. */
export const glossaryRevision = pgTable(
	'glossary_revision',
	{
		id: serial('id').primaryKey(),
		termId: integer('term_id')
			.notNull()
			.references(() => glossaryTerm.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		previousTerm: text('previous_term'),
		previousDefinition: text('previous_definition'),
		term: text('term').notNull(),
		definition: text('definition').notNull(),
		// Kept when the editor's account is deleted: the revision stays, shown as a deleted user.
		editorId: uuid('editor_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('glossary_revision_term_idx').on(t.termId, t.createdAt)]
);

/**
 * A member's proposal of a new term (co-careering): pending in the editors' queue, then accepted
 * (the term it became) or rejected with the editor's reason. The proposer's account going deletes
 * what is not accepted; an accepted one stays, without its author.
 */
export const glossaryProposal = pgTable(
	'glossary_proposal',
	{
		id: serial('id').primaryKey(),
		authorId: uuid('author_id').references(() => user.id, { onDelete: 'set null' }),
		locale: text('locale').notNull(),
		term: text('term').notNull(),
		definition: text('definition').notNull(),
		source: text('source').notNull().default(''),
		link: text('link'),
		// pending | accepted | rejected
		status: text('status').notNull().default('pending'),
		reason: text('reason'),
		termId: integer('term_id').references(() => glossaryTerm.id, { onDelete: 'set null' }),
		decidedBy: uuid('decided_by'),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('glossary_proposal_status_idx').on(t.status, t.createdAt), index('glossary_proposal_author_idx').on(t.authorId), index('glossary_proposal_term_idx').on(t.termId)]
);

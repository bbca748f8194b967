import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

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

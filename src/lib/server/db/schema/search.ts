import { customType, index, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * One row per searchable thing per language (a glossary term, a framework node…). Every kind of
 * content joins search by adding an indexer; the search itself is one query over this table.
 */
export const searchDocument = pgTable(
	'search_document',
	{
		id: serial('id').primaryKey(),
		type: text('type').notNull(),
		// The item this row came from (e.g. `glossary:career`, `course:foundations`): an edit
		// re-indexes that one item's rows, not the whole type.
		ref: text('ref').notNull(),
		locale: text('locale').notNull(),
		// Path without the locale prefix, e.g. /glossary/career.
		path: text('path').notNull(),
		title: text('title').notNull(),
		// The title lower-cased and unaccented, kept by the database: ranking compares the query with
		// it for every match, and the typo fallback's trigram index is on it.
		titleKey: text('title_key').generatedAlwaysAs(sql`lower(unaccent_immutable(title))`),
		body: text('body').notNull(),
		// The text-search configuration used for this row's language (english, norwegian, simple).
		config: text('config').notNull(),
		tsv: tsvector('tsv').notNull()
	},
	// fastupdate off: new rows go straight into the GIN indexes instead of a pending list that only
	// VACUUM merges (PGlite never autovacuums; a search over a long pending list scans all of it).
	(t) => [
		index('search_document_tsv_idx').using('gin', t.tsv).with({ fastupdate: false }),
		index('search_document_title_trgm_idx').using('gin', sql`${t.titleKey} gin_trgm_ops`).with({ fastupdate: false }),
		index('search_document_locale_type_idx').on(t.locale, t.type),
		index('search_document_ref_idx').on(t.ref)
	]
);

import { sql } from 'drizzle-orm';
import type { SearchSource } from '../capability.ts';
import { localeConfigs, SEARCH_COLUMNS, searchVector } from '../search/index.ts';

/** Glossary terms in search, one row per translation; an item is a term, by slug. */
export const GLOSSARY_SEARCH: SearchSource = {
	type: 'glossary',
	rows: (slug) => sql`
		${SEARCH_COLUMNS}
		select 'glossary', 'glossary:' || t.slug, tr.locale, '/glossary/' || t.slug, tr.term, tr.definition, c.cfg, ${searchVector(sql`tr.term`, sql`tr.definition`)}
		from glossary_translation tr
		join glossary_term t on t.id = tr.term_id
		${localeConfigs(sql`tr.locale`)}
		${slug === undefined ? sql`` : sql`where t.slug = ${slug}`}`
};

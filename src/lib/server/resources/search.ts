import { sql } from 'drizzle-orm';
import type { SearchSource } from '../capability.ts';
import { localeConfigs, SEARCH_COLUMNS } from '../search/index.ts';

// A resource's long body (an activity's steps, a library item's description) weighs less than its
// title and summary (C rather than B), so a resource that only mentions a subject on the way does
// not push the glossary entry or framework node about that subject out of the first results.
const vector = sql`setweight(to_tsvector(c.cfg::regconfig, unaccent_immutable(tr.title)), 'A') || setweight(to_tsvector(c.cfg::regconfig, unaccent_immutable(tr.summary)), 'B') || setweight(to_tsvector(c.cfg::regconfig, unaccent_immutable(tr.body)), 'C')`;

/** Published resources in search, one row per translation: title, summary and body. */
export const RESOURCE_SEARCH: SearchSource = {
	type: 'resource',
	rows: (slug) => sql`
		${SEARCH_COLUMNS}
		select 'resource', 'resource:' || r.slug, tr.locale, '/resources/' || r.slug, tr.title, concat_ws(' ', tr.summary, tr.body), c.cfg, ${vector}
		from resource_translation tr
		join resource r on r.id = tr.resource_id and r.status = 'published'
		${localeConfigs(sql`tr.locale`)}
		${slug === undefined ? sql`` : sql`where r.slug = ${slug}`}`
};

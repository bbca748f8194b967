import { sql } from 'drizzle-orm';
import type { SearchSource } from '../capability.ts';
import { localeConfigs, SEARCH_COLUMNS, searchVector } from '../search/index.ts';

/** Published resources in search, one row per translation: title, summary and body. */
export const RESOURCE_SEARCH: SearchSource = {
	type: 'resource',
	rows: (slug) => sql`
		${SEARCH_COLUMNS}
		select 'resource', 'resource:' || r.slug, tr.locale, '/resources/' || r.slug, tr.title, tr.body, c.cfg, ${searchVector(sql`tr.title`, sql`tr.body`)}
		from (select resource_id, locale, title, concat_ws(' ', summary, body) as body from resource_translation) tr
		join resource r on r.id = tr.resource_id and r.status = 'published'
		${localeConfigs(sql`tr.locale`)}
		${slug === undefined ? sql`` : sql`where r.slug = ${slug}`}`
};

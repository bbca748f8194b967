import { sql } from 'drizzle-orm';
import type { SearchSource } from '../capability.ts';
import { localeConfigs, SEARCH_COLUMNS, searchVector } from '../search/index.ts';

/**
 * Frameworks in search: the current published version of each, and each of its nodes. An item is
 * a framework, by slug (an edit of one node re-indexes its framework: a few hundred rows at most).
 */
export const FRAMEWORK_SEARCH: SearchSource = {
	type: 'framework',
	rows: (slug) => sql`
		with current_version as (
			select distinct on (v.framework_id) v.id, v.framework_id from framework_version v
			join framework f on f.id = v.framework_id
			where v.status = 'published' ${slug === undefined ? sql`` : sql`and f.slug = ${slug}`}
			order by v.framework_id, v.created_at desc
		)
		${SEARCH_COLUMNS}
		select 'framework', 'framework:' || f.slug, vt.locale, '/frameworks/' || f.slug, vt.title, vt.description, c.cfg, ${searchVector(sql`vt.title`, sql`vt.description`)}
		from current_version v
		join framework f on f.id = v.framework_id
		join framework_version_translation vt on vt.version_id = v.id
		${localeConfigs(sql`vt.locale`)}
		union all
		select 'framework', 'framework:' || f.slug, nt.locale, '/frameworks/' || f.slug || '/' || n.key,
			concat_ws(' ', n.code, nt.title), nt.body, c.cfg, ${searchVector(sql`concat_ws(' ', n.code, nt.title)`, sql`nt.body`)}
		from current_version v
		join framework f on f.id = v.framework_id
		join framework_node n on n.version_id = v.id
		join framework_node_translation nt on nt.node_id = n.id
		${localeConfigs(sql`nt.locale`)}`
};

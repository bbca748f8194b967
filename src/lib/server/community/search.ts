import { sql } from 'drizzle-orm';
import type { SearchSource } from '../capability.ts';
import { localeConfigs, SEARCH_COLUMNS, searchVector } from '../search/index.ts';

/** An uploaded image's Markdown (its alt text in group 1): found by its alt text, not its address. */
const UPLOADED_IMAGE = String.raw`!\[([^\]]*)\]\(/community/uploads/[0-9a-fA-F-]{36}\)`;

/**
 * Community threads in search: only those of the public spaces (what anyone may read), not
 * deleted, hidden or waiting for review; one row per thread in its own language, the opening text
 * and the visible replies as its body (an uploaded image by its alt text).
 */
export const THREAD_SEARCH: SearchSource = {
	type: 'thread',
	rows: (id) => sql`
		${SEARCH_COLUMNS}
		select 'thread', 'thread:' || t.id, t.language, '/community/' || s.slug || '/' || t.id, t.title, t.body, c.cfg, ${searchVector(sql`t.title`, sql`t.body`)}
		from (
			select th.id, th.space_id, th.language, th.title,
				regexp_replace(concat_ws(' ', th.body, (select string_agg(p.body, ' ' order by p.created_at) from community_post p where p.thread_id = th.id and p.deleted_at is null and not p.hidden and not p.held)), ${UPLOADED_IMAGE}, ${'\\1'}, 'g') as body
			from community_thread th
			where th.deleted_at is null and not th.hidden and not th.held
			${id === undefined ? sql`` : sql`and th.id::text = ${id}`}
		) t
		join community_space s on s.id = t.space_id and s.kind = 'public'
		${localeConfigs(sql`t.language`)}`
};

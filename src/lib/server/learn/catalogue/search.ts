import { sql } from 'drizzle-orm';
import type { SearchSource } from '../../capability.ts';
import { localeConfigs, SEARCH_COLUMNS, searchVector } from '../../search/index.ts';

// Markdown left out of the indexed text (and so of the snippets): a link's target, `](…)`; the marks
// of headings, emphasis, quotes, links and tables; `:::` block fences. Parameters, not SQL text:
// a template literal would drop the backslashes of an escaped pattern.
const LINK_TARGET = String.raw`\]\([^)]*\)`;
const MARKS = String.raw`[#*_>\[\]|]+|^:::.*$`;

/**
 * Published courses and their published lessons in search; Markdown marks and link targets left
 * out. An item is a course, by slug, with its lessons.
 */
export const COURSE_SEARCH: SearchSource = {
	type: 'course',
	rows: (slug) => {
		const only = slug === undefined ? sql`` : sql`and co.slug = ${slug}`;
		return sql`
		${SEARCH_COLUMNS}
		select 'course', 'course:' || co.slug, ct.locale, '/learn/' || co.slug, ct.title, ct.summary || ' ' || ct.audience, c.cfg,
			${searchVector(sql`ct.title`, sql`ct.summary || ' ' || ct.audience`)}
		from course co
		join course_translation ct on ct.course_id = co.id
		${localeConfigs(sql`ct.locale`)}
		where co.status = 'published' ${only}
		union all
		select 'course', 'course:' || co.slug, lt.locale, '/learn/' || co.slug || '/' || m.key || '/' || l.key, lt.title, b.text, c.cfg, ${searchVector(sql`lt.title`, sql`b.text`)}
		from lesson l
		join course co on co.id = l.course_id
		join course_module m on m.id = l.module_id
		join lesson_translation lt on lt.lesson_id = l.id
		${localeConfigs(sql`lt.locale`)}
		cross join lateral (
			select regexp_replace(regexp_replace(lt.body, ${LINK_TARGET}, ']', 'g'), ${MARKS}, ' ', 'gn') as text
		) b
		where co.status = 'published' and m.status = 'published' and l.status = 'published' ${only}`;
	}
};

import { sql } from 'drizzle-orm';
import { LOCALES } from '../../i18n/locales.ts';
import type { SearchSource } from '../capability.ts';
import { localeConfigs, SEARCH_COLUMNS, searchVector } from '../search/index.ts';

const locales = sql.join(
	LOCALES.map((l) => sql`(${l})`),
	sql`, `
);

/**
 * Published practices in search, in every language (the title and summary translated where they
 * are, the fields in the language they were written in), so a reader finds every practice.
 */
export const PRACTICE_SEARCH: SearchSource = {
	type: 'practice',
	rows: (id) => sql`
		${SEARCH_COLUMNS}
		select 'practice', 'practice:' || p.id, l.locale, '/practices/' || p.id,
			coalesce(p.translations -> l.locale ->> 'title', p.title),
			concat_ws(' ', coalesce(p.translations -> l.locale ->> 'summary', p.summary), p.region,
				(select string_agg(f.value ->> 'text', ' ') from jsonb_each(p.fields) f)),
			c.cfg,
			${searchVector(
				sql`coalesce(p.translations -> l.locale ->> 'title', p.title)`,
				sql`concat_ws(' ', coalesce(p.translations -> l.locale ->> 'summary', p.summary), p.region, (select string_agg(f.value ->> 'text', ' ') from jsonb_each(p.fields) f))`
			)}
		from practice p
		cross join (values ${locales}) as l(locale)
		${localeConfigs(sql`l.locale`)}
		where p.status = 'published' ${id === undefined ? sql`` : sql`and p.id::text = ${id}`}`
};

import { sql } from 'drizzle-orm';
import { LOCALES } from '../../i18n/locales.ts';
import type { SearchSource } from '../capability.ts';
import { localeConfigs, SEARCH_COLUMNS, searchVector } from '../search/index.ts';

const locales = sql.join(
	LOCALES.map((l) => sql`(${l})`),
	sql`, `
);

/**
 * Published practices in search, in every language (each part — title, summary, a field's text —
 * translated where it is, else in the language it was written in), so a reader finds every practice.
 */
export const PRACTICE_SEARCH: SearchSource = {
	type: 'practice',
	rows: (id) => {
		const title = sql`coalesce(nullif(p.translations -> l.locale ->> 'title', ''), p.title)`;
		const body = sql`concat_ws(' ', coalesce(nullif(p.translations -> l.locale ->> 'summary', ''), p.summary), p.region,
			(select string_agg(coalesce(nullif(p.translations -> l.locale -> 'fields' ->> f.key, ''), f.value ->> 'text'), ' ') from jsonb_each(p.fields) f))`;
		return sql`
		${SEARCH_COLUMNS}
		select 'practice', 'practice:' || p.id, l.locale, '/practices/' || p.id, ${title}, ${body}, c.cfg, ${searchVector(title, body)}
		from practice p
		cross join (values ${locales}) as l(locale)
		${localeConfigs(sql`l.locale`)}
		where p.status = 'published' ${id === undefined ? sql`` : sql`and p.id::text = ${id}`}`;
	}
};

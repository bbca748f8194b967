import { sql } from 'drizzle-orm';
import type { SearchSource } from '../capability.ts';
import { localeConfigs, SEARCH_COLUMNS, searchVector } from '../search/index.ts';

/** Ethics cards in search, one row per translation: the situation, its questions and twists. */
export const CARD_SEARCH: SearchSource = {
	type: 'card',
	rows: (slug) => sql`
		${SEARCH_COLUMNS}
		select 'card', 'card:' || k.slug, tr.locale, '/cards/' || k.slug, tr.title, tr.body, c.cfg, ${searchVector(sql`tr.title`, sql`tr.body`)}
		from (select card_id, locale, title, concat_ws(' ', situation, array_to_string(questions, ' '), array_to_string(twists, ' ')) as body from card_translation) tr
		join card k on k.id = tr.card_id
		${localeConfigs(sql`tr.locale`)}
		${slug === undefined ? sql`` : sql`where k.slug = ${slug}`}`
};

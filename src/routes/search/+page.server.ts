import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { searchEverything, SEARCH_TYPES, suggestQuery } from '#lib/server/platform/search.ts';

export const load: PageServerLoad = async ({ url }) => {
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const wanted = url.searchParams.get('type') ?? '';
	const type = SEARCH_TYPES.includes(wanted) ? wanted : undefined;
	const result = await searchEverything(db(), getLocale(), query, { type });
	// Nothing found: offer the nearest words of the titles instead ("did you mean").
	const suggestion = query && result.hits.length === 0 ? await suggestQuery(db(), getLocale(), query) : null;
	return { query, type: type ?? '', suggestion, ...result };
};

import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { searchEverything, SEARCH_TYPES, suggestQuery } from '#lib/server/platform/search.ts';

export const load: PageServerLoad = async ({ url }) => {
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const wanted = url.searchParams.get('type') ?? '';
	const type = SEARCH_TYPES.includes(wanted) ? wanted : undefined;
	// `all`: every language, each hit labelled with its own (a term may only be written up in one).
	const allLanguages = url.searchParams.get('all') === '1';
	const result = await searchEverything(db(), getLocale(), query, { type, allLanguages });
	// Nothing found: offer the nearest words of the titles instead ("did you mean").
	const suggestion = query && result.hits.length === 0 ? await suggestQuery(db(), getLocale(), query) : null;
	return { query, type: type ?? '', allLanguages, suggestion, ...result };
};

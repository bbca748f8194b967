import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { searchEverything, SEARCH_TYPES } from '#lib/server/platform/search.ts';

export const load: PageServerLoad = async ({ url }) => {
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const wanted = url.searchParams.get('type') ?? '';
	const type = SEARCH_TYPES.includes(wanted) ? wanted : undefined;
	const result = await searchEverything(db(), getLocale(), query, { type });
	return { query, type: type ?? '', ...result };
};

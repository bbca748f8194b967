import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/app.ts';
import { search, SEARCH_TYPES, type SearchType } from '#lib/server/search/index.ts';

export const load: PageServerLoad = async ({ url }) => {
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const wanted = url.searchParams.get('type') ?? '';
	const type = (SEARCH_TYPES as readonly string[]).includes(wanted) ? (wanted as SearchType) : undefined;
	const result = await search(db(), getLocale(), query, { type });
	return { query, type: type ?? '', ...result };
};

import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { pageNumber } from '#lib/server/forms/index.ts';
import { facetCounts, filterFromQuery, listResources, PAGE_SIZE, queryWith } from '#lib/server/resources/index.ts';

// The quality laboratory: every published resource, narrowed by facets (a GET form, so every view
// has a shareable address), each value with how many resources it would show.
export const load: PageServerLoad = async ({ url }) => {
	const filter = filterFromQuery(url.searchParams);
	const page = pageNumber(url.searchParams);
	const [list, facets] = await Promise.all([listResources(db(), getLocale(), 'all', filter, page), facetCounts(db(), 'all', filter)]);
	const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
	const query = queryWith(filter);
	return {
		filter,
		facets,
		items: list.items,
		total: list.total,
		page,
		pages,
		query,
		filtered: query !== ''
	};
};

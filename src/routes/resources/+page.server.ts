import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { facetCounts, filterFromQuery, listResources, PAGE_SIZE, queryWith } from '#lib/server/resources/index.ts';

// The quality laboratory: every published resource, narrowed by facets (a GET form, so every view
// has a shareable address), each value with how many resources it would show.
export const load: PageServerLoad = async ({ url }) => {
	const filter = filterFromQuery(url.searchParams);
	const requested = Number(url.searchParams.get('page') ?? '1');
	const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
	const [list, facets] = await Promise.all([listResources(db(), getLocale(), 'all', filter, page), facetCounts(db(), 'all', filter)]);
	const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
	const query = queryWith(filter);
	const pageHref = (n: number) => `/resources${query}${query ? '&' : '?'}page=${n}`;
	return {
		filter,
		facets,
		items: list.items,
		total: list.total,
		page,
		pages,
		previous: page > 1 ? pageHref(page - 1) : null,
		next: page < pages ? pageHref(page + 1) : null,
		filtered: query !== ''
	};
};

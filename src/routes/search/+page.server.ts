import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { pageNumber } from '#lib/server/forms/fields.ts';
import { db } from '#lib/server/platform/app.ts';
import { SEARCH_PAGE_SIZE, searchEverything, SEARCH_TYPES, suggestQuery } from '#lib/server/platform/search.ts';

export const load: PageServerLoad = async ({ url }) => {
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const wanted = url.searchParams.get('type') ?? '';
	const type = SEARCH_TYPES.includes(wanted) ? wanted : undefined;
	// `all`: every language, each hit labelled with its own (a term may only be written up in one).
	const allLanguages = url.searchParams.get('all') === '1';
	const find = (page: number) => searchEverything(db(), getLocale(), query, { type, allLanguages, offset: (page - 1) * SEARCH_PAGE_SIZE });
	let page = pageNumber(url.searchParams, 500);
	let result = await find(page);
	const found = type ? (result.counts[type] ?? 0) : Object.values(result.counts).reduce((a, b) => a + b, 0);
	const pages = Math.max(1, Math.ceil(found / SEARCH_PAGE_SIZE));
	// A page past the last (an old link after the content changed) shows the last one.
	if (page > pages) result = await find((page = pages));
	// Nothing found: offer the nearest words of the titles instead ("did you mean").
	const suggestion = query && found === 0 ? await suggestQuery(db(), getLocale(), query) : null;
	return { query, type: type ?? '', allLanguages, suggestion, page, pages, ...result };
};

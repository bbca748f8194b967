import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { filterGlossary, glossaryList, groupByInitial } from '#lib/server/glossary/queries.ts';

export const load: PageServerLoad = async ({ url }) => {
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const locale = getLocale();
	const all = await glossaryList(db(), locale);
	const terms = filterGlossary(all, query, locale);
	return { query, total: all.length, matches: terms.length, groups: groupByInitial(terms, locale) };
};

import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { filterFromQuery, practiceStatistics, practiceTemplate, queryOf, TEMPLATE_FACETS } from '#lib/server/practices/index.ts';

// The statistics of the published practices, filtered with the browse view's query parameters (the
// same facets, the same shareable addresses); unknown values are dropped, never an error.
export const load: PageServerLoad = async ({ url }) => {
	const filter = filterFromQuery(url.searchParams);
	const locale = getLocale();
	const [stats, template] = await Promise.all([practiceStatistics(db(), filter, locale), practiceTemplate(db(), locale)]);
	const sections = template?.sections ?? [];
	const optionsOf = (key: string) => (sections.find((s) => s.key === key)?.options ?? []).map((o) => ({ value: o.key, label: o.title, lang: o.lang }));
	const templateFacets = Object.fromEntries(Object.entries(TEMPLATE_FACETS).map(([facet, key]) => [facet, optionsOf(key)]));
	return { filter, stats, templateFacets, query: queryOf({ ...filter, sort: 'title' }) };
};

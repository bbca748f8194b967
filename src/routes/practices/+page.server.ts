import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { browsePractices, filterFromQuery, PAGE_SIZE, practiceTemplate, queryOf, TEMPLATE_FACETS } from '#lib/server/practices/index.ts';
import { can } from '#lib/server/policies/index.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = filterFromQuery(url.searchParams);
	const locale = getLocale();
	const [found, template] = await Promise.all([browsePractices(db(), filter, locale), practiceTemplate(db(), locale)]);
	const sections = template?.sections ?? [];
	const optionsOf = (key: string) => (sections.find((s) => s.key === key)?.options ?? []).map((o) => ({ value: o.key, label: o.title, lang: o.lang }));
	const templateFacets = Object.fromEntries(Object.entries(TEMPLATE_FACETS).map(([facet, key]) => [facet, optionsOf(key)]));
	const themeTitles = Object.fromEntries(templateFacets.theme!.map((o) => [o.value, o.label]));
	const actor = actorOf(locals);
	return {
		filter,
		found,
		templateFacets,
		themeTitles,
		pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
		query: queryOf(filter),
		signedIn: !!actor,
		reviewer: can(actor, 'practice:queue')
	};
};

import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { countryByTheme, practiceTemplate, TEMPLATE_FACETS } from '#lib/server/practices/index.ts';

export const load: PageServerLoad = async () => {
	const [cells, template] = await Promise.all([countryByTheme(db()), practiceTemplate(db(), getLocale())]);
	const themes = (template?.sections.find((s) => s.key === TEMPLATE_FACETS.theme)?.options ?? []).map((o) => ({ key: o.key, title: o.title, lang: o.lang }));
	return { cells, themes };
};

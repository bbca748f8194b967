import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { getFramework } from '#lib/server/frameworks/queries.ts';
import { frameworkDiagrams } from '#lib/diagrams/index.ts';

export const load: PageServerLoad = async ({ params, url }) => {
	const version = url.searchParams.get('version')?.slice(0, 40) || undefined;
	const locale = getLocale();
	const framework = await getFramework(db(), params.slug, locale, version);
	if (!framework) error(404, m.framework_not_found());
	return { framework, url: `${url.origin}${url.pathname}`, diagrams: frameworkDiagrams(framework.slug, locale) };
};

import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { findNode, getFramework } from '#lib/server/frameworks/queries.ts';
import { frameworkDiagrams } from '#lib/diagrams/index.ts';

export const load: PageServerLoad = async ({ params }) => {
	const locale = getLocale();
	const framework = await getFramework(db(), params.slug, locale);
	const found = framework && findNode(framework.tree, params.key);
	if (!framework || !found) error(404, m.framework_not_found());
	return { slug: framework.slug, frameworkTitle: framework.title, version: framework.version, ...found, diagrams: frameworkDiagrams(framework.slug, locale) };
};

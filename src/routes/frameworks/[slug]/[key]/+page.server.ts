import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { discussionOf } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { findNode, getFramework } from '#lib/server/frameworks/queries.ts';
import { frameworkDiagrams } from '#lib/diagrams/index.ts';
import { CAREER_FRAMEWORK, isButton, resourcesForNode } from '#lib/server/resources/index.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const locale = getLocale();
	const framework = await getFramework(db(), params.slug, locale);
	const found = framework && findNode(framework.tree, params.key);
	if (!framework || !found) error(404, m.framework_not_found());
	// Resources linked to this node (for a career button, its page lists them all, with filters).
	const resources = await resourcesForNode(db(), locale, framework.slug, params.key);
	const moreResources = framework.slug === CAREER_FRAMEWORK && isButton(params.key) ? `/career-learning/${params.key}` : undefined;
	const discussion = await discussionOf(db(), actorOf(locals), { kind: 'framework', path: `/frameworks/${framework.slug}/${params.key}` }, locale);
	return { discussion, slug: framework.slug, frameworkTitle: framework.title, version: framework.version, ...found, diagrams: frameworkDiagrams(framework.slug, locale), resources, moreResources };
};

import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { isAppLocale } from '#lib/i18n/locales.ts';
import { db } from '#lib/server/platform/app.ts';
import { nodesForEditing } from '#lib/server/frameworks/editing.ts';
import { requireCan } from '#lib/server/http/guards.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireCan(locals, 'content:edit');
	const wanted = url.searchParams.get('locale');
	const locale = isAppLocale(wanted) ? wanted : 'nb';
	const nodes = await nodesForEditing(db(), params.slug, locale);
	if (!nodes.length) error(404, m.framework_not_found());
	return { slug: params.slug, locale, nodes };
};

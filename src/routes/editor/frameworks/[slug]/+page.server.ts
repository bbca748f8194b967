import type { PageServerLoad } from './$types';
import { isAppLocale } from '#lib/i18n/locales.ts';
import { db } from '#lib/server/platform/app.ts';
import { nodesForEditing } from '#lib/server/frameworks/editing.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireCan(locals, 'content:edit');
	const wanted = url.searchParams.get('locale');
	const locale = isAppLocale(wanted) ? wanted : 'nb';
	const nodes = valueOf(await nodesForEditing(db(), actorOf(locals), params.slug, locale));
	return { slug: params.slug, locale, nodes };
};

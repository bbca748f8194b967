import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { listThreads, openSpace, POST_LANGUAGES, type PostLanguage } from '#lib/server/community/index.ts';
import { pageNumber } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { can } from '#lib/server/policies/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const space = valueOf(await openSpace(db(), actor, params.space, getLocale()));
	const wanted = url.searchParams.get('language') ?? '';
	const language = (POST_LANGUAGES as readonly string[]).includes(wanted) ? (wanted as PostLanguage) : undefined;
	const list = await listThreads(db(), actor, space, { language, page: pageNumber(url.searchParams, 100_000) });
	return { space: { slug: space.slug, kind: space.kind, title: space.title, description: space.description }, ...list, language: language ?? '', mayPost: !!actor && can(actor, 'community:post', space.access), signedIn: !!actor };
};

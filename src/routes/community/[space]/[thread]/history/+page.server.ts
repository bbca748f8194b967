import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { history, openSpace, openThread } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { valueOf } from '#lib/server/http/respond.ts';

/** The edit history of a thread's opening text, or of one reply (`?post=<id>`). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const space = valueOf(await openSpace(db(), actor, params.space, getLocale()));
	const thread = valueOf(await openThread(db(), actor, space, params.thread));
	const post = url.searchParams.get('post');
	const versions = valueOf(await history(db(), actor, space, thread.id, post || null));
	return { space: { slug: space.slug, title: space.title }, threadId: thread.id, post: post || null, ...versions };
};

import { render } from 'svelte/server';
import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { getPost, openSpace, openThread } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import Post from '#lib/components/community/Post.svelte';

/**
 * One reply as an HTML fragment, rendered for the reader with their own rights (the live thread
 * page inserts it: static/community-live.js).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const actor = actorOf(locals);
	const space = valueOf(await openSpace(db(), actor, params.space, getLocale()));
	const thread = valueOf(await openThread(db(), actor, space, params.thread));
	const post = valueOf(await getPost(db(), actor, space, thread.id, params.post));
	const { body } = render(Post, { props: { post, base: `/community/${space.slug}/${thread.id}`, flags: {}, nested: post.parentId !== null } });
	return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
};

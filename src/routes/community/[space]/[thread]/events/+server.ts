import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { openSpace, openThread, threadChannel } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { eventStream } from '#lib/server/realtime/index.ts';

/**
 * The live feed of a thread (Server-Sent Events): one event per new reply, carrying only the
 * reply's id; the page then fetches the reply through its own access check (posts/[post]). Who
 * may not read the thread gets the 404 of a thread that does not exist.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const actor = actorOf(locals);
	const space = valueOf(await openSpace(db(), actor, params.space, getLocale()));
	const thread = valueOf(await openThread(db(), actor, space, params.thread));
	// A signed-in reader's own channel rides along: the header bell needs no second stream.
	return eventStream(db(), request, { channel: threadChannel(thread.id), data: (e) => ({ postId: String(e.payload.postId ?? '') }), personal: locals.user?.id });
};

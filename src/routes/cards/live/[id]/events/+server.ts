import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { getLiveSession, liveChannel } from '#lib/server/cards/index.ts';
import { eventStream } from '#lib/server/realtime/index.ts';

/**
 * The facilitator's live feed of a session (Server-Sent Events): an event whenever its state
 * changes, someone joins or answers, on whichever app instance. Only the facilitator may listen
 * (anyone else: the 404 of a session that does not exist); events carry only their kind, the page
 * reads the session again through its own check.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	requireSession(locals);
	const session = valueOf(await getLiveSession(db(), actorOf(locals), params.id));
	return eventStream(db(), request, { channel: liveChannel(session.id), data: () => ({}), personal: locals.user?.id });
};

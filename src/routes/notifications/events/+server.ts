import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { eventStream, personChannel } from '#lib/server/realtime/index.ts';

/**
 * The header bell's live feed (Server-Sent Events) on a page that has no stream of its own: the
 * signed-in person's own channel, named from their session, never from the request, so nobody
 * can listen to someone else's. Each event says only that the unread count changed; the bell
 * reads it again (notifications/unread). Pages with their own stream carry this channel on it
 * instead (`eventStream`'s `personal`), so a page opens one stream.
 */
export const GET: RequestHandler = async ({ locals, request }) => {
	const session = requireSession(locals);
	return eventStream(db(), request, { channel: personChannel(session.user.id) });
};

import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { liveChannel, participantSession, LIVE_CHANGED } from '#lib/server/cards/index.ts';
import { eventStream } from '#lib/server/realtime/index.ts';

/**
 * A participant's live feed of their session (Server-Sent Events), for the participant cookie of
 * this session only (anyone else: 404). Events carry only their type; the page reads the view
 * again. A reconnecting browser sends Last-Event-ID and first gets what it missed.
 */
export const GET: RequestHandler = async ({ locals, params, cookies, request }) => {
	const { sessionId } = valueOf(await participantSession(db(), params.code, cookies.get('praxis_live')));
	// Participants get state changes only, not every answer of the room.
	return eventStream(db(), request, { channel: liveChannel(sessionId), data: () => ({}), only: (e) => e.type === LIVE_CHANGED, personal: locals.user?.id });
};

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { unreadCount } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';

/** The signed-in person's unread count, which the header bell reads again when its stream says it changed (static/bell-live.js). */
export const GET: RequestHandler = async ({ locals }) => {
	requireSession(locals);
	return json({ count: await unreadCount(db(), actorOf(locals)) }, { headers: { 'cache-control': 'no-store' } });
};

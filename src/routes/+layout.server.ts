import type { LayoutServerLoad } from './$types';
import { unreadCount } from '#lib/server/community/notifications.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { takeFlash } from '#lib/server/http/flash.ts';
import { db } from '#lib/server/platform/app.ts';

export const load: LayoutServerLoad = async ({ locals, cookies, url }) => ({
	user: locals.user ? { displayName: locals.user.displayName, role: locals.user.role } : null,
	// The header's bell: the signed-in person's unread community notices (one indexed count).
	unread: locals.user ? await unreadCount(db(), actorOf(locals)) : 0,
	// What the form action before a post/redirect/get wanted to say (see http/flash.ts).
	flash: takeFlash(cookies, url.protocol === 'https:')
});

import type { LayoutServerLoad } from './$types';
import { takeFlash } from '#lib/server/http/flash.ts';

export const load: LayoutServerLoad = ({ locals, cookies, url }) => ({
	user: locals.user ? { displayName: locals.user.displayName, role: locals.user.role } : null,
	// What the form action before a post/redirect/get wanted to say (see http/flash.ts).
	flash: takeFlash(cookies, url.protocol === 'https:')
});

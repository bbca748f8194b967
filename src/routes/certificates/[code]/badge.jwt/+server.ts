import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { openBadgeJwt } from '#lib/server/learn/progress/index.ts';

/** The holder's certificate as a signed Open Badges 3.0 credential (VC-JWT); 404 to anyone else. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	requireSession(locals);
	const jwt = valueOf(await openBadgeJwt(db(), actorOf(locals), params.code.slice(0, 40), getLocale(), url.origin));
	return new Response(jwt, {
		headers: {
			'content-type': 'application/vc+jwt',
			'content-disposition': `attachment; filename="praxis-badge-${params.code.slice(0, 14)}.jwt"`,
			'cache-control': 'private, no-store'
		}
	});
};

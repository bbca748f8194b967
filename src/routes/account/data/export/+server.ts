import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { exportMyData } from '#lib/server/platform/personal-data.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { requireSession } from '#lib/server/http/guards.ts';

// A form POST (so SvelteKit's origin check applies), answered with a JSON download.
export const POST: RequestHandler = async (event) => {
	requireSession(event.locals);
	const data = valueOf(await exportMyData(db(), actorOf(event.locals), requestContext(event).ip));
	const day = new Date().toISOString().slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="praxis-my-data-${day}.json"`,
			'cache-control': 'no-store'
		}
	});
};

import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { allLearningRecords } from '#lib/server/learn/progress/index.ts';

/**
 * Every learner's xAPI statements, oldest first, for a learning record store. `?since=` (ISO
 * date-time) exports only what was recorded after it, so an LRS can be fed incrementally.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	requireCan(locals, 'admin:learning-records');
	const since = url.searchParams.get('since');
	const after = since && !Number.isNaN(Date.parse(since)) ? new Date(since) : undefined;
	const statements = valueOf(await allLearningRecords(db(), actorOf(locals), { after }));
	return new Response(JSON.stringify(statements), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="praxis-xapi-statements.json"',
			'cache-control': 'private, no-store',
			'x-experience-api-version': '1.0.3'
		}
	});
};

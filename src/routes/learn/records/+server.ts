import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { ownLearningRecords } from '#lib/server/learn/progress/index.ts';

/** The learner's own learning records, as an array of xAPI statements. */
export const GET: RequestHandler = async ({ locals }) => {
	requireSession(locals);
	const statements = valueOf(await ownLearningRecords(db(), actorOf(locals)));
	return new Response(JSON.stringify(statements, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="praxis-learning-records.json"',
			'cache-control': 'private, no-store'
		}
	});
};

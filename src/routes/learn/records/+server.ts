import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { listStatements } from '#lib/server/learn/progress/index.ts';

/** The learner's own learning records, as an array of xAPI statements. */
export const GET: RequestHandler = async ({ locals }) => {
	const session = requireSession(locals);
	const statements = await listStatements(db(), { userId: session.user.id });
	return new Response(JSON.stringify(statements, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="praxis-learning-records.json"',
			'cache-control': 'private, no-store'
		}
	});
};

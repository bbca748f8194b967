import type { RequestHandler } from './$types';
import { databaseAnswers } from '#lib/server/platform/app.ts';

/** Readiness: the database answers; a load balancer sends no traffic while this is 503. */
export const GET: RequestHandler = async () => {
	const ready = await databaseAnswers();
	return Response.json(
		{ status: ready ? 'ready' : 'unavailable', database: ready ? 'ok' : 'unreachable' },
		{ status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};

import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { exportCsv } from '#lib/server/cpd/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

/** The whole CPD record as CSV (the columns an import reads back). */
export const GET: RequestHandler = async ({ locals }) => {
	requireSession(locals);
	const csv = valueOf(await exportCsv(db(), actorOf(locals)));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="praxis-cpd.csv"',
			'cache-control': 'private, no-store'
		}
	});
};

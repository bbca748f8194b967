import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { exportCsv } from '#lib/server/cpd/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { csvDownload } from '#lib/server/http/csv.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

/** The whole CPD record as CSV (the columns an import reads back). */
export const GET: RequestHandler = async ({ locals }) => {
	requireSession(locals);
	const csv = valueOf(await exportCsv(db(), actorOf(locals)));
	return csvDownload(csv, 'praxis-cpd.csv');
};

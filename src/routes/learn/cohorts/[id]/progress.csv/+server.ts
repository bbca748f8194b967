import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { csvDownload } from '#lib/server/http/csv.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { cohortProgressCsv } from '#lib/server/learn/cohorts/index.ts';

/** The cohort's progress table as CSV, for its facilitator (404 for anyone else). */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireSession(locals);
	const { csv } = valueOf(await cohortProgressCsv(db(), actorOf(locals), params.id, getLocale()));
	return csvDownload(csv, `praxis-cohort-${params.id.slice(0, 8)}.csv`);
};

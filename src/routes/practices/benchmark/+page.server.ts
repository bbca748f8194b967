import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { myBenchmarks } from '#lib/server/practices/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return { organisations: valueOf(await myBenchmarks(db(), actorOf(locals))) };
};

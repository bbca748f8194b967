import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { liveSummary } from '#lib/server/cards/index.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	return { summary: valueOf(await liveSummary(db(), actorOf(locals), params.id)) };
};

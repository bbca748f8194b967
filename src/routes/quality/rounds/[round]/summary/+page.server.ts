import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { roundSummary } from '#lib/server/quality/service.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	return valueOf(await roundSummary(db(), actorOf(locals), params.round, getLocale()));
};

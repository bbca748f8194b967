import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { viewSharedAssessment } from '#lib/server/competence/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	return { shared: valueOf(await viewSharedAssessment(db(), actorOf(locals), params.id, getLocale())) };
};

import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { qualityHome } from '#lib/server/quality/service.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return valueOf(await qualityHome(db(), actorOf(locals)));
};

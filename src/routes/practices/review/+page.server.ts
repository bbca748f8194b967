import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { reviewQueue } from '#lib/server/practices/index.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireCan(locals, 'practice:queue');
	return { practices: valueOf(await reviewQueue(db(), actorOf(locals), getLocale())), returned: url.searchParams.get('done') === 'returned' };
};

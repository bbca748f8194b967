import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { myPractices } from '#lib/server/practices/index.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSession(locals);
	return { practices: valueOf(await myPractices(db(), actorOf(locals), getLocale())), deleted: url.searchParams.has('deleted') };
};

import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { moderationQueue } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

/** The review queue of the public spaces: flagged posts and new members' posts held for review. */
export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return { items: valueOf(await moderationQueue(db(), actorOf(locals))) };
};

import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { listProposals, myShelf } from '#lib/server/resources/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	const actor = actorOf(locals);
	const [shelf, proposals] = await Promise.all([myShelf(db(), actor, getLocale()), listProposals(db(), actor, 'mine')]);
	return { items: valueOf(shelf), proposals: proposals.ok ? proposals.value : [] };
};

import type { PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { translationOverview } from '#lib/server/frameworks/editing.ts';
import { requireCan } from '#lib/server/http/guards.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'content:edit');
	return { frameworks: await translationOverview(db()) };
};

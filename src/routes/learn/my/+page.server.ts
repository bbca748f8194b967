import type { PageServerLoad } from './$types';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { myCourses } from '../pages.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return { enrolments: await myCourses(actorOf(locals)) };
};

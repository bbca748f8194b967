import type { PageServerLoad } from './$types';
import { actorOf } from '#lib/server/http/context.ts';
import { myCourses } from './learn/pages.ts';

// Signed in, the home page starts with the person's own learning: where to continue, their
// courses and certificates. Signed out it is the same page for everyone (and costs no query).
export const load: PageServerLoad = async ({ locals }) => ({
	courses: locals.session ? await myCourses(actorOf(locals)) : null
});

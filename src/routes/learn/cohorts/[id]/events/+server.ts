import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { getFacilitatedCohort } from '#lib/server/learn/cohorts/index.ts';
import { cohortChannel } from '#lib/server/learn/progress/index.ts';
import { eventStream } from '#lib/server/realtime/index.ts';

/**
 * The live feed of a cohort's progress page (Server-Sent Events): one event whenever a member
 * progresses, joins or leaves, whichever app instance it happened on. Only the cohort's
 * facilitator may listen (anyone else: the 404 of a cohort that does not exist), and an event
 * carries nothing but its id and type: the page reads the progress again, through its own check.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	requireSession(locals);
	const cohort = valueOf(await getFacilitatedCohort(db(), actorOf(locals), params.id));
	return eventStream(db(), request, { channel: cohortChannel(cohort.id), data: () => ({}), personal: locals.user?.id });
};

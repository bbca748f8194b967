import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { acceptCohortInvitation, findCohortInvitation } from '#lib/server/learn/cohorts/index.ts';

// Opening the link only shows the choice (mail scanners open links); joining takes a button.
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.session) return { signedIn: false as const };
	const found = valueOf(await findCohortInvitation(db(), actorOf(locals), params.token));
	return { signedIn: true as const, status: found.status, name: found.status === 'valid' ? found.cohort.name : null };
};

export const actions: Actions = {
	accept: async ({ locals, params, url }) => {
		requireSession(locals);
		const result = await acceptCohortInvitation(db(), actorOf(locals), { origin: url.origin }, params.token);
		// `{ error: 'invalid' | 'wrong_email' }`; a link that no longer works is gone (410).
		return respond(result, { single: true, status: { not_found: 410 } }, () => redirect(303, localizeHref('/learn/cohorts')));
	}
};

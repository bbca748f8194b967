import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/app.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { acceptCohortInvitation, findCohortInvitation } from '#lib/server/learn/cohorts/index.ts';

// Opening the link only shows the choice (mail scanners open links); joining takes a button.
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.session) return { signedIn: false as const };
	const found = await findCohortInvitation(db(), params.token, locals.session.user.email);
	return { signedIn: true as const, status: found.status, name: found.status === 'valid' ? found.cohort.name : null };
};

export const actions: Actions = {
	accept: async ({ locals, params, url }) => {
		const session = requireSession(locals);
		const result = await acceptCohortInvitation(db(), { userId: session.user.id, email: session.user.email, origin: url.origin }, params.token);
		if (result.status !== 'valid') return fail(result.status === 'wrong_email' ? 403 : 410, { error: result.status });
		redirect(303, localizeHref('/learn/cohorts'));
	}
};

import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { tokenIsValid, verifyEmail } from '#lib/server/accounts/service.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { safeNext } from '#lib/server/http/next.ts';

// The link only shows a button: mail scanners that open links must not use it up.
export const load: PageServerLoad = async ({ params, url }) => ({
	valid: await tokenIsValid(db(), params.token, ['verify_email']),
	// Where the person was going when they signed up (an invitation): sign-in returns there.
	next: safeNext(url.searchParams.get('next'))
});

export const actions: Actions = {
	default: async (event) => ({ done: await verifyEmail(db(), event.params.token, requestContext(event).ip) })
};

import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { tokenIsValid, verifyEmail } from '#lib/server/accounts/service.ts';
import { requestContext } from '#lib/server/http/context.ts';

// The link only shows a button: mail scanners that open links must not use it up.
export const load: PageServerLoad = async ({ params }) => ({
	valid: await tokenIsValid(db(), params.token, ['verify_email'])
});

export const actions: Actions = {
	default: async (event) => ({ done: await verifyEmail(db(), event.params.token, requestContext(event).ip) })
};

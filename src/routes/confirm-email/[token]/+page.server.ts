import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { confirmEmailChange, tokenIsValid } from '#lib/server/accounts/service.ts';
import { requestContext } from '#lib/server/http/context.ts';

export const load: PageServerLoad = async ({ params }) => ({
	valid: await tokenIsValid(db(), params.token, ['change_email'])
});

export const actions: Actions = {
	default: async (event) => ({ done: await confirmEmailChange(db(), event.params.token, requestContext(event).ip) })
};

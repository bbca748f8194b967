import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { newPasswordForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { resetPassword, tokenIsValid } from '#lib/server/accounts/service.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load: PageServerLoad = async ({ params }) => ({
	valid: await tokenIsValid(db(), params.token, ['reset_password', 'set_password'])
});

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(newPasswordForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const done = await resetPassword(db(), event.params.token, parsed.data.password, requestContext(event).ip);
		if (!done) return fail(410, { errors: { form: 'link_invalid_text' } });
		clearSessionCookie(event.cookies, event.url.protocol === 'https:');
		return { done: true };
	}
};

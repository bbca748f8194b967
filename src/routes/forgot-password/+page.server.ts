import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { emailForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { requestPasswordReset } from '#lib/server/accounts/service.ts';
import { requestContext } from '#lib/server/http/context.ts';

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(emailForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = await requestPasswordReset(db(), parsed.data.email, requestContext(event));
		if (result === 'rate_limited') return fail(429, { errors: { form: 'error_rate_limited' }, values: parsed.data });
		return { sent: true };
	}
};

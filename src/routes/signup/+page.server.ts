import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { signUpForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { signUp } from '#lib/server/accounts/service.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { safeNext } from '#lib/server/http/next.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, localizeHref(next ?? '/account'));
	return { next };
};

export const actions: Actions = {
	default: async (event) => {
		const formData = await event.request.formData();
		const parsed = parseForm(signUpForm, formData);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		// An invitation (or any private page) the person was on: the confirmation mail leads back there.
		const result = await signUp(db(), parsed.data, requestContext(event), safeNext(formData.get('next')));
		if (result === 'rate_limited') {
			return fail(429, { errors: { form: 'error_rate_limited' }, values: { ...parsed.data, password: '' } });
		}
		return { sent: parsed.data.email };
	}
};

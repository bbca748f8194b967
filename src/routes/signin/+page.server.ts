import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { emailForm, signInForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { resendVerification, signIn } from '#lib/server/accounts/service.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { safeNext } from '#lib/server/http/next.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, localizeHref(next ?? '/account'));
	if (locals.pendingSecondFactor) redirect(303, localizeHref('/signin/code'));
	return { next };
};

export const actions: Actions = {
	signin: async (event) => {
		const formData = await event.request.formData();
		const parsed = parseForm(signInForm, formData);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = await signIn(db(), parsed.data.email, parsed.data.password, requestContext(event));
		const values = { email: parsed.data.email };
		if (!result.ok) {
			const error = { invalid: 'signin_invalid', rate_limited: 'error_rate_limited', not_verified: 'signin_not_verified' }[result.error];
			return fail(result.error === 'rate_limited' ? 429 : result.error === 'invalid' ? 400 : 403, {
				errors: { form: error },
				values,
				notVerified: result.error === 'not_verified'
			});
		}
		setSessionCookie(event.cookies, event.url.protocol === 'https:', result.token, result.expiresAt);
		redirect(303, localizeHref(result.needsSecondFactor ? '/signin/code' : (safeNext(formData.get('next')) ?? '/account')));
	},
	resend: async (event) => {
		const parsed = parseForm(emailForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = await resendVerification(db(), parsed.data.email, requestContext(event));
		if (result === 'rate_limited') return fail(429, { errors: { form: 'error_rate_limited' }, values: parsed.data });
		return { resent: true };
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { verifySecondFactor } from '#lib/server/accounts/totp.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, localizeHref('/account'));
	if (!locals.pendingSecondFactor) error(403, m.signin_required());
};

export const actions: Actions = {
	default: async (event) => {
		const pending = event.locals.pendingSecondFactor;
		if (!pending) error(403, m.signin_required());
		const code = String((await event.request.formData()).get('code') ?? '').slice(0, 32);
		if (!code.trim()) return fail(400, { errors: { code: 'error_required' } });
		const result = await verifySecondFactor(db(), pending.user.id, code, {
			ip: requestContext(event).ip,
			sessionId: pending.id,
			email: pending.user.email
		});
		if (result === 'rate_limited') return fail(429, { errors: { code: 'error_rate_limited' } });
		if (result === 'wrong') return fail(400, { errors: { code: 'totp_wrong' } });
		setSessionCookie(event.cookies, event.url.protocol === 'https:', result.session.token, result.session.expiresAt);
		redirect(303, localizeHref('/account'));
	}
};

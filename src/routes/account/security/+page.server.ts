import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { changeEmailForm, changePasswordForm, passwordOnlyForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { changePassword, requestEmailChange } from '#lib/server/accounts/service.ts';
import { listSessions, revokeSession } from '#lib/server/accounts/sessions.ts';
import { confirmTotp, disableTotp, startTotpSetup } from '#lib/server/accounts/totp.ts';
import { audit } from '#lib/server/audit/index.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const session = requireSession(locals);
	const sessions = await listSessions(db(), session.user.id);
	return {
		totpEnabled: session.user.totpEnabled,
		sessions: sessions.map((s) => ({ ...s, current: s.id === session.id }))
	};
};

export const actions: Actions = {
	password: async (event) => {
		const session = requireSession(event.locals);
		const parsed = parseForm(changePasswordForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { section: 'password', errors: parsed.errors });
		const result = await changePassword(db(), session.user.id, parsed.data.current, parsed.data.password, {
			ip: requestContext(event).ip,
			sessionId: session.id
		});
		if (result === 'wrong_password') return fail(400, { section: 'password', errors: { current: 'wrong_current_password' } });
		if (result === 'rate_limited') return fail(429, { section: 'password', errors: { current: 'error_rate_limited' } });
		return { section: 'password', done: 'change_password_done' };
	},
	email: async (event) => {
		const session = requireSession(event.locals);
		const parsed = parseForm(changeEmailForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { section: 'email', errors: parsed.errors, values: parsed.values });
		const result = await requestEmailChange(db(), session.user.id, parsed.data.email, parsed.data.current, requestContext(event));
		if (result === 'wrong_password') return fail(400, { section: 'email', errors: { current: 'wrong_current_password' }, values: { email: parsed.data.email } });
		if (result === 'rate_limited') return fail(429, { section: 'email', errors: { form: 'error_rate_limited' }, values: { email: parsed.data.email } });
		return { section: 'email', done: 'change_email_sent' };
	},
	revoke: async (event) => {
		const session = requireSession(event.locals);
		const id = String((await event.request.formData()).get('session') ?? '');
		if (!(await revokeSession(db(), session.user.id, id))) return fail(404, { section: 'devices', errors: { form: 'error_invalid' } });
		await audit(db(), { event: 'session_revoked', actorId: session.user.id, subjectId: session.user.id, ip: requestContext(event).ip });
		return { section: 'devices', done: 'devices_ended' };
	},
	totpStart: async (event) => {
		const session = requireSession(event.locals);
		if (session.user.totpEnabled) return fail(400, { section: 'totp', errors: { form: 'error_invalid' } });
		const setup = await startTotpSetup(db(), session.user.id);
		return { section: 'totp', setup: { secret: setup.secret, qrSvg: setup.qrSvg } };
	},
	totpConfirm: async (event) => {
		const session = requireSession(event.locals);
		const code = String((await event.request.formData()).get('code') ?? '').slice(0, 32);
		const confirmed = await confirmTotp(db(), session.user.id, code, { ip: requestContext(event).ip, sessionId: session.id });
		if (!confirmed) {
			const setup = await startTotpSetup(db(), session.user.id, { reuse: true });
			return fail(400, { section: 'totp', errors: { code: 'totp_wrong' }, setup: { secret: setup.secret, qrSvg: setup.qrSvg } });
		}
		if (confirmed.session) setSessionCookie(event.cookies, event.url.protocol === 'https:', confirmed.session.token, confirmed.session.expiresAt);
		return { section: 'totp', recoveryCodes: confirmed.codes };
	},
	totpDisable: async (event) => {
		const session = requireSession(event.locals);
		const parsed = parseForm(passwordOnlyForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { section: 'totp', errors: parsed.errors });
		const result = await disableTotp(db(), session.user.id, parsed.data.current, requestContext(event).ip);
		if (result === 'wrong_password') return fail(400, { section: 'totp', errors: { current: 'wrong_current_password' } });
		if (result === 'rate_limited') return fail(429, { section: 'totp', errors: { current: 'error_rate_limited' } });
		return { section: 'totp' };
	}
};

import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { changeEmailForm, changePasswordForm, passwordOnlyForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { changePassword, requestEmailChange } from '#lib/server/accounts/service.ts';
import { listSessions, revokeSession } from '#lib/server/accounts/sessions.ts';
import { confirmTotp, disableTotp, startTotpSetup } from '#lib/server/accounts/totp.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const session = requireSession(locals);
	const sessions = valueOf(await listSessions(db(), actorOf(locals)));
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
		const result = await changePassword(db(), actorOf(event.locals), parsed.data.current, parsed.data.password, {
			ip: requestContext(event).ip,
			sessionId: session.id
		});
		return respond(result, { frame: { section: 'password' } }, () => ({ section: 'password', done: 'change_password_done' }));
	},
	email: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(changeEmailForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { section: 'email', errors: parsed.errors, values: parsed.values });
		const result = await requestEmailChange(db(), actorOf(event.locals), parsed.data.email, parsed.data.current, requestContext(event));
		return respond(result, { frame: { section: 'email', values: { email: parsed.data.email } } }, () => ({ section: 'email', done: 'change_email_sent' }));
	},
	revoke: async (event) => {
		requireSession(event.locals);
		const id = String((await event.request.formData()).get('session') ?? '');
		const result = await revokeSession(db(), actorOf(event.locals), id, { ip: requestContext(event).ip });
		return respond(result, { frame: { section: 'devices' } }, () => ({ section: 'devices', done: 'devices_ended' }));
	},
	totpStart: async (event) => {
		requireSession(event.locals);
		const result = await startTotpSetup(db(), actorOf(event.locals));
		return respond(result, { frame: { section: 'totp' } }, (setup) => ({ section: 'totp', setup: { secret: setup.secret, qrSvg: setup.qrSvg } }));
	},
	totpConfirm: async (event) => {
		const session = requireSession(event.locals);
		const actor = actorOf(event.locals);
		const code = String((await event.request.formData()).get('code') ?? '').slice(0, 32);
		const confirmed = await confirmTotp(db(), actor, code, { ip: requestContext(event).ip, sessionId: session.id });
		if (!confirmed.ok && confirmed.problem.field === 'code') {
			// A mistyped code: the same secret again, so the app already scanned stays valid.
			const setup = await startTotpSetup(db(), actor, { reuse: true });
			const again = setup.ok ? { secret: setup.value.secret, qrSvg: setup.value.qrSvg } : undefined;
			return respond(confirmed, { frame: { section: 'totp', setup: again } }, () => null);
		}
		return respond(confirmed, { frame: { section: 'totp' } }, ({ codes, session: rotated }) => {
			if (rotated) setSessionCookie(event.cookies, event.url.protocol === 'https:', rotated.token, rotated.expiresAt);
			return { section: 'totp', recoveryCodes: codes };
		});
	},
	totpDisable: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(passwordOnlyForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { section: 'totp', errors: parsed.errors });
		const result = await disableTotp(db(), actorOf(event.locals), parsed.data.current, requestContext(event).ip);
		return respond(result, { frame: { section: 'totp' } }, () => ({ section: 'totp' }));
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { endSession } from '#lib/server/accounts/sessions.ts';
import { audit } from '#lib/server/audit/index.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { clearSessionCookie, sessionCookieName } from '#lib/server/http/session-cookie.ts';

export const load: PageServerLoad = () => redirect(303, localizeHref('/'));

export const actions: Actions = {
	default: async (event) => {
		const https = event.url.protocol === 'https:';
		const token = event.cookies.get(sessionCookieName(https));
		const current = event.locals.session ?? event.locals.pendingSecondFactor;
		if (token) await endSession(db(), token);
		if (current) await audit(db(), { event: 'signout', actorId: current.user.id, subjectId: current.user.id, ip: requestContext(event).ip });
		clearSessionCookie(event.cookies, https);
		redirect(303, localizeHref('/'));
	}
};

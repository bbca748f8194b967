import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { endAllSessions } from '#lib/server/accounts/sessions.ts';
import { audit } from '#lib/server/audit/index.ts';
import { requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load: PageServerLoad = () => redirect(303, localizeHref('/'));

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireSession(event.locals);
		await endAllSessions(db(), user.id);
		await audit(db(), { event: 'signout_everywhere', actorId: user.id, subjectId: user.id, ip: requestContext(event).ip });
		clearSessionCookie(event.cookies, event.url.protocol === 'https:');
		redirect(303, localizeHref('/'));
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '#lib/i18n/paths.ts';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { deleteAccount } from '#lib/server/platform/personal-data.ts';
import { passwordOnlyForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load: PageServerLoad = ({ locals }) => {
	requireSession(locals);
};

export const actions: Actions = {
	delete: async (event) => {
		const { user } = requireSession(event.locals);
		const parsed = parseForm(passwordOnlyForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const result = await deleteAccount(db(), user.id, parsed.data.current);
		if (!result.ok && result.error === 'wrong_password') return fail(400, { errors: { current: 'wrong_current_password' } });
		if (!result.ok && result.error === 'rate_limited') return fail(429, { errors: { current: 'error_rate_limited' } });
		if (!result.ok && result.error === 'sole_owner') return fail(409, { errors: {}, ownedOrganisations: result.organisations });
		clearSessionCookie(event.cookies, event.url.protocol === 'https:');
		redirect(303, localizeHref('/account-deleted'));
	}
};

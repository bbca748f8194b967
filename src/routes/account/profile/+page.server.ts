import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { profileForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { getProfile, updateProfile } from '#lib/server/accounts/profile.ts';
import { requireSession } from '#lib/server/http/guards.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const { user } = requireSession(locals);
	const profile = await getProfile(db(), user.id);
	if (!profile) error(404, m.error_not_found_title());
	return { profile };
};

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireSession(event.locals);
		const parsed = parseForm(profileForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await updateProfile(db(), user.id, parsed.data);
		return { saved: true };
	}
};

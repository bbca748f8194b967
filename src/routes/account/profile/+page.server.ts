import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { profileForm } from '#lib/server/accounts/forms.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { getProfile, updateProfile } from '#lib/server/accounts/profile.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return { profile: valueOf(await getProfile(db(), actorOf(locals))) };
};

export const actions: Actions = {
	default: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(profileForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		return respond(await updateProfile(db(), actorOf(event.locals), parsed.data), {}, () => backWithFlash(event, { saved: true }));
	}
};

import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { getPublicProfile } from '#lib/server/accounts/profile.ts';
import { requireSession } from '#lib/server/http/guards.ts';

// Profiles are for signed-in members, and only those their owners chose to show.
export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	const profile = await getPublicProfile(db(), params.id);
	if (!profile) error(404, m.error_not_found_title());
	return { profile };
};

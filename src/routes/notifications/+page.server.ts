import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { listNotifications, markRead, readForm } from '#lib/server/community/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return { notifications: valueOf(await listNotifications(db(), actorOf(locals))) };
};

export const actions: Actions = {
	read: async ({ locals, request }) => {
		requireSession(locals);
		const parsed = parseForm(readForm, await request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		const result = await markRead(db(), actorOf(locals), parsed.data.id === 'all' ? 'all' : [parsed.data.id]);
		return respond(result, {}, () => redirect(303, localizeHref('/notifications')));
	}
};

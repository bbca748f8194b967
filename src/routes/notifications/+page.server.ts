import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { listNotifications, mailSettings, mailSettingsForm, markRead, readForm, setMailSettings } from '#lib/server/community/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	const actor = actorOf(locals);
	const [notifications, mail] = await Promise.all([listNotifications(db(), actor), mailSettings(db(), actor)]);
	return { notifications: valueOf(notifications), mail: valueOf(mail) };
};

export const actions: Actions = {
	read: async ({ locals, request }) => {
		requireSession(locals);
		const parsed = parseForm(readForm, await request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		const result = await markRead(db(), actorOf(locals), parsed.data.id === 'all' ? 'all' : [parsed.data.id]);
		return respond(result, {}, () => redirect(303, localizeHref('/notifications')));
	},
	mail: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(mailSettingsForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return respond(await setMailSettings(db(), actorOf(event.locals), parsed.data), {}, () => backWithFlash(event, { mailSaved: true }, '#mail'));
	}
};

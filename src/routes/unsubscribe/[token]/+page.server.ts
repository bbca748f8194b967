import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { mailSettingsForm, setSettingsByToken } from '#lib/server/community/index.ts';
import { reminderForm, setReminderByToken } from '#lib/server/cpd/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { mailChoicesByToken, stopAllMailByToken } from '#lib/server/platform/mail-choices.ts';

// The page an opt-out mail's unsubscribe link opens (community digest and mentions, CPD
// reminders): no sign-in, the token in the link is the key, and it opens nothing but that person's
// choices for these mails. A GET changes nothing (mail scanners follow links); stopping takes a
// press of a button.

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	return { choices: valueOf(await mailChoicesByToken(db(), params.token)) };
};

export const actions: Actions = {
	save: async (event) => {
		const parsed = parseForm(mailSettingsForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return respond(await setSettingsByToken(db(), event.params.token, parsed.data), {}, () => backWithFlash(event, { mailSaved: true }));
	},
	reminder: async (event) => {
		const parsed = parseForm(reminderForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return respond(await setReminderByToken(db(), event.params.token, parsed.data.remind), {}, () => backWithFlash(event, { reminderSaved: true }));
	},
	stop: async (event) => respond(await stopAllMailByToken(db(), event.params.token), {}, () => backWithFlash(event, { stopped: true }))
};

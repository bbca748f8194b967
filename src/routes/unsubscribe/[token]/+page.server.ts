import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { mailSettingsForm, setSettingsByToken, settingsByToken } from '#lib/server/community/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';

// The page a community mail's unsubscribe link opens: no sign-in, the token in the link is the key,
// and it opens nothing but that person's community mail settings. A GET changes nothing (mail
// scanners follow links); stopping takes a press of a button.

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	return { settings: valueOf(await settingsByToken(db(), params.token)) };
};

export const actions: Actions = {
	save: async (event) => {
		const parsed = parseForm(mailSettingsForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return respond(await setSettingsByToken(db(), event.params.token, parsed.data), {}, () => backWithFlash(event, { mailSaved: true }));
	},
	stop: async (event) => respond(await setSettingsByToken(db(), event.params.token, { digest: 'off', mentionMail: false }), {}, () => backWithFlash(event, { stopped: true }))
};

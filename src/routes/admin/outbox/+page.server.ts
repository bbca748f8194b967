import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { listOutbox, mailIsDelivered, revealOutboxLink, withLink } from '#lib/server/mail/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'admin:outbox');
	const mails = valueOf(await listOutbox(db(), actorOf(locals), 100));
	// The links (the recipients' tokens) are never listed: a marker stands where each one goes.
	return {
		delivers: mailIsDelivered(),
		mails: mails.map((mail) => ({ ...mail, text: withLink(mail.text, null, m.admin_outbox_link_hidden()) }))
	};
};

export const actions: Actions = {
	reveal: async (event) => {
		requireCan(event.locals, 'admin:outbox');
		const id = Number((await event.request.formData()).get('mail'));
		if (!Number.isSafeInteger(id) || id < 1) return invalidForm({ form: 'error_invalid' });
		const result = await revealOutboxLink(db(), actorOf(event.locals), id, requestContext(event).ip);
		return respond(result, {}, (revealed) => ({ revealed }));
	}
};

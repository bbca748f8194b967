import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { linkForm } from '#lib/server/quality/forms.ts';
import { addExternalLink, closeRound, remindRaters, roundView } from '#lib/server/quality/service.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	return valueOf(await roundView(db(), actorOf(locals), params.round, getLocale()));
};

/** A stranger learns nothing, not even whether their input was valid. */
async function refuseStranger(event: RequestEvent) {
	valueOf(await roundView(db(), actorOf(event.locals), event.params.round, getLocale()));
}

export const actions: Actions = {
	link: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(linkForm, await event.request.formData());
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, { section: 'link', values: parsed.values });
		}
		const result = await addExternalLink(db(), actorOf(event.locals), event.params.round, parsed.data.label);
		const origin = requestContext(event).origin;
		return respond(result, { frame: { section: 'link', values: { label: parsed.data.label } } }, ({ token }) => ({
			section: 'link',
			label: parsed.data.label,
			link: `${origin}${localizeHref(`/quality/link/${token}`)}`
		}));
	},
	remind: async (event) => {
		requireSession(event.locals);
		const result = await remindRaters(db(), actorOf(event.locals), event.params.round, requestContext(event).origin);
		return respond(result, { frame: { section: 'remind' } }, ({ reminded }) => ({ section: 'remind', done: reminded ? 'quality_remind_done' : 'quality_remind_nobody' }));
	},
	close: async (event) => {
		requireSession(event.locals);
		const result = await closeRound(db(), actorOf(event.locals), event.params.round);
		return respond(result, { frame: { section: 'close' } }, () => ({ section: 'close', done: 'quality_closed_done' }));
	}
};

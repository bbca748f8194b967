import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { isSlug, parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { answersOf, areaForm } from '#lib/server/quality/forms.ts';
import { ratingView, saveArea } from '#lib/server/quality/service.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSession(locals);
	const area = url.searchParams.get('area');
	const view = valueOf(await ratingView(db(), { actor: actorOf(locals), roundId: params.round }, isSlug(area) ? area : null, getLocale()));
	return { ...view, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
	save: async (event) => {
		requireSession(event.locals);
		const form = await event.request.formData();
		const parsed = parseForm(areaForm, form);
		const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		const who = { actor: actorOf(event.locals), roundId: event.params.round };
		const area = parsed.ok ? parsed.data.area : '';
		const result = await saveArea(db(), who, area, answersOf(form), getLocale());
		return respond(result, { frame: { values } }, ({ next }) =>
			redirect(303, localizeHref(`/quality/rounds/${event.params.round}/answer?area=${next ?? area}&saved`))
		);
	}
};

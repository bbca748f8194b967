import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { isSlug, parseForm } from '#lib/server/forms/index.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { answersOf, areaForm } from '#lib/server/quality/forms.ts';
import { ratingView, saveArea } from '#lib/server/quality/service.ts';

// An external rater's page: no account, the link's token is the only key. It reaches one rater of
// one round, and stops working when the round closes (409 with a translated message).

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	// The token is in the address: keep it out of shared caches and referrers.
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	const area = url.searchParams.get('area');
	const view = valueOf(await ratingView(db(), { token: params.token }, isSlug(area) ? area : null, getLocale()));
	return { ...view, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(areaForm, form);
		const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		const area = parsed.ok ? parsed.data.area : '';
		const result = await saveArea(db(), { token: event.params.token }, area, answersOf(form), getLocale());
		return respond(result, { frame: { values } }, ({ next }) => redirect(303, localizeHref(`/quality/link/${event.params.token}?area=${next ?? area}&saved`)));
	}
};

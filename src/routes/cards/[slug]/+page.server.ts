import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { isSlug } from '#lib/server/forms/index.ts';
import { getCard } from '#lib/server/cards/index.ts';

export const load: PageServerLoad = async ({ params, url }) => {
	const card = isSlug(params.slug) ? await getCard(db(), params.slug, getLocale()) : undefined;
	if (!card) error(404, m.cards_not_found());
	// The citable address: this card in this language, without any query.
	return { card, citeUrl: `${url.origin}${url.pathname}` };
};

import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { discussionOf } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { isSlug } from '#lib/server/forms/index.ts';
import { getCard } from '#lib/server/cards/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const card = isSlug(params.slug) ? await getCard(db(), params.slug, getLocale()) : undefined;
	if (!card) error(404, m.cards_not_found());
	// The citable address: this card in this language, without any query.
	const discussion = await discussionOf(db(), actorOf(locals), { kind: 'card', path: `/cards/${params.slug}` }, getLocale());
	return { card, citeUrl: `${url.origin}${url.pathname}`, discussion };
};

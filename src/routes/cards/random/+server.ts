import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { drawCard, filterFromQuery } from '#lib/server/cards/index.ts';

/** Draws a card at random (from the deck, guideline, sector or client group asked for) and goes to it. */
export const GET: RequestHandler = async ({ url }) => {
	const slug = await drawCard(db(), filterFromQuery(url.searchParams));
	if (!slug) error(404, m.cards_none());
	// Not cached: every draw is a new one.
	redirect(303, localizeHref(`/cards/${slug}`));
};

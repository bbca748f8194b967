import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { createLiveSession, listCards, listMyLiveSessions, LIVE_CARDS_MAX } from '#lib/server/cards/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	const [cards, mine] = await Promise.all([listCards(db(), getLocale(), { deck: 'situations' }), listMyLiveSessions(db(), actorOf(locals))]);
	return { cards: cards.map((c) => ({ slug: c.slug, title: c.title })), sessions: valueOf(mine), verified: locals.session?.user.emailVerified ?? false };
};

const slugList = z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.string().max(100)).min(1, 'cards_live_error_cards').max(LIVE_CARDS_MAX, 'cards_live_error_cards'));
const newSessionForm = z.object({ cards: slugList, anonymous: z.literal('on').optional() });

export const actions: Actions = {
	default: async ({ locals, request }) => {
		requireSession(locals);
		const parsed = parseForm(newSessionForm, await request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		const result = await createLiveSession(db(), actorOf(locals), { cards: parsed.data.cards, anonymous: parsed.data.anonymous === 'on', locale: getLocale() });
		return respond(result, {}, ({ id }) => redirect(303, localizeHref(`/cards/live/${id}`)));
	}
};

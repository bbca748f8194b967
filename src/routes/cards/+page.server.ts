import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { deckCounts, filterFromQuery, listCards, queryOf } from '#lib/server/cards/index.ts';

export const load: PageServerLoad = async ({ url }) => {
	const filter = filterFromQuery(url.searchParams);
	const filtered = Object.values(filter).some((v) => v !== undefined);
	const [counts, cards] = await Promise.all([deckCounts(db()), filtered ? listCards(db(), getLocale(), filter) : Promise.resolve([])]);
	return { counts, filter, filtered, query: queryOf(filter), cards: cards.map((c) => ({ slug: c.slug, deck: c.deck, title: c.title, sector: c.sector, clientGroup: c.clientGroup, guidelines: c.guidelines })) };
};

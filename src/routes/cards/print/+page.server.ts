import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { filterFromQuery, listCards } from '#lib/server/cards/index.ts';

export const load: PageServerLoad = async ({ url }) => {
	const filter = filterFromQuery(url.searchParams);
	return { filter, cards: await listCards(db(), getLocale(), filter) };
};

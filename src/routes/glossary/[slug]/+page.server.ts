import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/app.ts';
import { getGlossaryTerm } from '#lib/server/glossary/queries.ts';

export const load: PageServerLoad = async ({ params }) => {
	const found = await getGlossaryTerm(db(), params.slug, getLocale());
	if (!found) error(404, m.glossary_term_not_found());
	return found;
};

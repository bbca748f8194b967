import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { careerButton } from '#lib/server/resources/index.ts';

export const load: PageServerLoad = async ({ params, url }) => {
	const page = await careerButton(db(), getLocale(), params.button, url.searchParams);
	if (!page) error(404, m.resources_not_found());
	return { page, filtered: [...url.searchParams.keys()].length > 0 };
};

import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { COMPARE_MAX, COMPARE_MIN } from '#lib/practices/options.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { allFields, comparePractices, practiceTemplate } from '#lib/server/practices/index.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const ids = url.searchParams
		.getAll('ids')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);
	if (new Set(ids).size < COMPARE_MIN || new Set(ids).size > COMPARE_MAX) error(400, m.practices_error_compare_count({ min: COMPARE_MIN, max: COMPARE_MAX }));
	const practices = valueOf(await comparePractices(db(), actorOf(locals), ids, getLocale()));
	const template = await practiceTemplate(db(), getLocale());
	return { practices, fields: allFields(template?.sections ?? []) };
};

import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { PRACTICE_COUNTRIES, PRACTICE_SECTORS, TITLE_MAX } from '#lib/practices/options.ts';
import { db } from '#lib/server/platform/app.ts';
import { parseForm, singleLine, UUID } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond } from '#lib/server/http/respond.ts';
import { createPractice, practiceOwners } from '#lib/server/practices/index.ts';

const newForm = z.object({
	title: singleLine(TITLE_MAX),
	// An organisation's id, or "me" for a practice the person owns.
	owner: z.string({ error: 'error_choose' }).refine((v) => v === 'me' || UUID.test(v), 'error_choose'),
	country: z.enum(PRACTICE_COUNTRIES, { error: 'error_choose' }),
	sector: z.enum(PRACTICE_SECTORS, { error: 'error_choose' })
});

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'practice:create');
	return { owners: await practiceOwners(db(), actorOf(locals)) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		requireCan(locals, 'practice:create');
		const parsed = parseForm(newForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const { title, owner, country, sector } = parsed.data;
		const result = await createPractice(db(), actorOf(locals), { title, organisationId: owner === 'me' ? null : owner, country, sector }, getLocale());
		return respond(result, { frame: { values: parsed.data as Record<string, string> } }, ({ id }) => redirect(303, localizeHref(`/practices/${id}/edit`)));
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { checkPractice, draftFromForm, practiceForEditing, practiceTemplate, savePractice, type PracticeDraft } from '#lib/server/practices/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSession(locals);
	const row = valueOf(await practiceForEditing(db(), actorOf(locals), params.id));
	const template = await practiceTemplate(db(), getLocale());
	if (!template) error(409, m.practices_error_no_template());
	const values: PracticeDraft = {
		title: row.title,
		summary: row.summary,
		country: row.country,
		region: row.region,
		sector: row.sector,
		languages: row.languages,
		startYear: row.startYear === null ? '' : String(row.startYear),
		licence: row.licence,
		channels: row.channels,
		fields: row.fields
	};
	return {
		id: row.id,
		status: row.status,
		example: row.example,
		organisationName: row.organisationName,
		reviewComment: row.reviewComment,
		sections: template.sections,
		values,
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		requireSession(locals);
		const draft = draftFromForm(await request.formData());
		const template = await practiceTemplate(db(), getLocale());
		if (!template) error(409, m.practices_error_no_template());
		// Every refused field at once, next to itself; the service checks again and saves nothing then.
		const checked = checkPractice(template, draft);
		if (!checked.ok) return fail(Object.values(checked.errors).includes('error_too_long') ? 413 : 400, { errors: checked.errors, values: draft });
		const result = await savePractice(db(), actorOf(locals), params.id, draft, getLocale());
		return respond(result, { frame: { values: draft } }, () => redirect(303, localizeHref(`/practices/${params.id}/edit?saved`)));
	}
};

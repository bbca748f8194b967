import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { respond } from '#lib/server/http/respond.ts';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importPracticesCsv } from '#lib/server/practices/index.ts';

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'practice:import');
	return { maxKb: Math.floor(IMPORT_MAX_BYTES / 1024), maxRows: IMPORT_MAX_ROWS };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		requireCan(locals, 'practice:import');
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { errors: { file: 'practices_import_error_file' } });
		if (file.size > IMPORT_MAX_BYTES) return fail(413, { errors: { file: 'practices_import_error_too_large' } });
		const result = await importPracticesCsv(db(), actorOf(locals), await file.text());
		return respond(result, {}, (outcome) => (outcome.errors.length ? fail(400, { rows: outcome.errors }) : { created: outcome.created, updated: outcome.updated }));
	}
};

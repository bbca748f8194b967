import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { listAssessments, startAssessment } from '#lib/server/competence/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';

const startForm = z.object({ from: z.enum(['blank', 'last'], { error: 'error_invalid' }) });

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return { assessments: valueOf(await listAssessments(db(), actorOf(locals))) };
};

export const actions: Actions = {
	start: async ({ locals, request }) => {
		requireSession(locals);
		const parsed = parseForm(startForm, await request.formData());
		if (!parsed.ok) return fail(400, { error: 'error_invalid' });
		const result = await startAssessment(db(), actorOf(locals), { fromLast: parsed.data.from === 'last' });
		return respond(result, { single: true }, ({ id }) => redirect(303, localizeHref(`/competence/${id}`)));
	}
};

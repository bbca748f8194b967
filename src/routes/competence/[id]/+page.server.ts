import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { deleteAssessment, getAssessment } from '#lib/server/competence/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	const view = valueOf(await getAssessment(db(), actorOf(locals), params.id, getLocale()));
	return {
		id: view.id,
		version: view.standards.version,
		startedAt: view.startedAt,
		completedAt: view.completedAt,
		levels: view.standards.levels,
		areas: view.standards.areas.map((a, i) => ({ ...view.areas[i]!, code: a.code, title: a.title, body: a.body }))
	};
};

export const actions: Actions = {
	delete: async ({ locals, params }) => {
		requireSession(locals);
		return respond(await deleteAssessment(db(), actorOf(locals), params.id), {}, () => redirect(303, localizeHref('/competence')));
	}
};

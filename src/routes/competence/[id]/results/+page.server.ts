import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { assessmentResults, learningForAreas, revokeShare, shareAssessment, sharingOf } from '#lib/server/competence/index.ts';
import { parseForm, uuid } from '#lib/server/forms/index.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';

/** How many of the lowest areas the learning suggestions are for. */
const LOWEST = 2;

const shareForm = z.object({ organisation: uuid('competence_error_choose_organisation'), consent: z.literal('yes', { error: 'competence_error_consent' }) });
const revokeForm = z.object({ share: uuid() });

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user } = requireSession(locals);
	const locale = getLocale();
	const actor = actorOf(locals);
	const results = valueOf(await assessmentResults(db(), actor, params.id, locale));
	// The lowest areas answered (gaps first), for the learning that addresses them.
	const lowest = results.areas
		.filter((a) => a.score !== null && a.score < results.highest)
		.sort((a, b) => a.score! - b.score!)
		.slice(0, LOWEST);
	const [learning, sharing] = await Promise.all([learningForAreas(db(), user.id, lowest.map((a) => a.key), locale), sharingOf(db(), actor, params.id)]);
	const { assessment, ...rest } = results;
	return {
		id: assessment.id,
		startedAt: assessment.startedAt,
		completedAt: assessment.completedAt,
		version: assessment.standards.version,
		levels: assessment.standards.levels,
		scale: assessment.standards.scale,
		...rest,
		lowest: lowest.map((a) => ({ key: a.key, title: a.title })),
		learning,
		sharing: valueOf(sharing)
	};
};

export const actions: Actions = {
	share: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(shareForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const result = await shareAssessment(db(), actorOf(event.locals), event.params.id, parsed.data.organisation, requestContext(event));
		return respond(result, {}, () => ({ done: 'competence_shared' }));
	},
	revoke: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(revokeForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const result = await revokeShare(db(), actorOf(event.locals), parsed.data.share, requestContext(event));
		return respond(result, {}, () => ({ done: 'competence_share_revoked' }));
	}
};

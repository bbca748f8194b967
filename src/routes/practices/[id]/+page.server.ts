import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { COMMENT_MAX } from '#lib/practices/options.ts';
import { db } from '#lib/server/platform/app.ts';
import { discussionOf } from '#lib/server/community/index.ts';
import { parseForm, plainText } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { deletePractice, getPractice, practiceTemplate, reviewPractice, submitPractice } from '#lib/server/practices/index.ts';

const reviewForm = z.object({ decision: z.enum(['publish', 'changes'], { error: 'error_choose' }), comment: plainText(COMMENT_MAX).default('') });

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const practice = valueOf(await getPractice(db(), actorOf(locals), params.id, getLocale()));
	const template = await practiceTemplate(db(), getLocale());
	const discussion = await discussionOf(db(), actorOf(locals), { kind: 'practice', path: `/practices/${params.id}` }, getLocale());
	return { practice, sections: template?.sections ?? [], done: url.searchParams.get('done'), discussion };
};

export const actions: Actions = {
	submit: async ({ locals, params }) => {
		requireSession(locals);
		return respond(await submitPractice(db(), actorOf(locals), params.id), {}, () => redirect(303, localizeHref(`/practices/${params.id}?done=submitted`)));
	},
	review: async ({ locals, params, request }) => {
		requireSession(locals);
		const parsed = parseForm(reviewForm, await request.formData());
		if (!parsed.ok) return fail(parsed.errors.comment === 'error_too_long' ? 413 : 400, { errors: parsed.errors, values: parsed.values });
		const result = await reviewPractice(db(), actorOf(locals), params.id, parsed.data);
		// A practice sent back is its owners' draft again, out of the editor's sight: back to the queue.
		return respond(result, { frame: { values: parsed.data } }, () =>
			redirect(303, localizeHref(parsed.data.decision === 'publish' ? `/practices/${params.id}?done=published` : '/practices/review?done=returned'))
		);
	},
	delete: async ({ locals, params }) => {
		requireSession(locals);
		return respond(await deletePractice(db(), actorOf(locals), params.id), {}, () => redirect(303, localizeHref('/practices/mine?deleted')));
	}
};

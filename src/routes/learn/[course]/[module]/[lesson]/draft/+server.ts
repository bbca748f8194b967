import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/app.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { saveDraft } from '#lib/server/learn/progress/index.ts';
import { activityForm, answersOf, draftTextOf } from '#lib/server/learn/progress/index.ts';
import { lessonOr404 } from '../../../../pages.ts';
import { getEnrolment } from '#lib/server/learn/progress/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';

/** Saves what a learner has typed or chosen so far (called as they go; the page works without it). */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const session = requireSession(locals);
	const { outline, lesson } = await lessonOr404(params);
	if (!(await getEnrolment(db(), session.user.id, outline.id))) error(403, m.learn_error_not_enrolled());
	const form = await request.formData();
	const parsed = parseForm(activityForm, form);
	const text = draftTextOf(form);
	if (!parsed.ok || text === null) error(400, m.error_invalid());
	const result = await saveDraft(db(), { userId: session.user.id, origin: url.origin }, lesson.ref, parsed.data.activity, { answers: answersOf(form), text });
	if (result !== 'saved') error(400, m.error_invalid());
	return new Response(null, { status: 204 });
};

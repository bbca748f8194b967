import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { saveDraft } from '#lib/server/learn/progress/index.ts';
import { activityForm, answersOf, draftTextOf } from '#lib/server/learn/progress/index.ts';
import { lessonOr404 } from '../../../../pages.ts';
import { parseForm } from '#lib/server/forms/index.ts';

/** Saves what a learner has typed or chosen so far (called as they go; the page works without it). */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	requireSession(locals);
	const { lesson } = await lessonOr404(params);
	const form = await request.formData();
	const parsed = parseForm(activityForm, form);
	const text = draftTextOf(form);
	if (!parsed.ok || text === null) error(400, m.error_invalid());
	// Someone not enrolled is told so (403); an unknown activity is bad input (400).
	valueOf(await saveDraft(db(), actorOf(locals), { origin: url.origin }, lesson.ref, parsed.data.activity, { answers: answersOf(form), text }));
	return new Response(null, { status: 204 });
};

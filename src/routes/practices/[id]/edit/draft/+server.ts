import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { message } from '#lib/i18n/message.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { draftFromForm, savePractice } from '#lib/server/practices/index.ts';

/** Keeps a practice as it is typed (static/autosave.js); the form's button saves it the same way. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	requireSession(locals);
	const result = await savePractice(db(), actorOf(locals), params.id, draftFromForm(await request.formData()), getLocale());
	if (!result.ok && result.problem.kind === 'invalid') error(400, message(result.problem.key ?? 'error_invalid'));
	valueOf(result);
	return new Response(null, { status: 204 });
};

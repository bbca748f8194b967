import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { message } from '#lib/i18n/message.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { saveTranslation, translationFromForm } from '#lib/server/practices/index.ts';

/** Keeps a draft practice's translation as it is typed (static/autosave.js); the form's button saves it the same way. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	requireSession(locals);
	const { locale, draft } = translationFromForm(await request.formData());
	const result = await saveTranslation(db(), actorOf(locals), params.id, locale, draft, getLocale(), { autosave: true });
	if (!result.ok && result.problem.kind === 'invalid') error(result.problem.key === 'error_too_long' ? 413 : 400, message(result.problem.key ?? 'error_invalid'));
	valueOf(result);
	return new Response(null, { status: 204 });
};

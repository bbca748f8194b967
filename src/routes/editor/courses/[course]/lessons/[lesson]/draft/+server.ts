import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { lessonDraftForm } from '#lib/server/learn/authoring/index.ts';
import { saveLessonDraft } from '#lib/server/learn/authoring/index.ts';
import { editedLocale } from '../../../../respond.ts';

/** Keeps the lesson editor's text as the editor types (static/autosave.js); saving is a separate step. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	requireCan(locals, 'content:edit');
	const parsed = parseForm(lessonDraftForm, await request.formData());
	if (!parsed.ok) error(400, m.error_invalid());
	valueOf(await saveLessonDraft(db(), actorOf(locals), params.course, params.lesson, editedLocale(url, 'en'), parsed.data));
	return new Response(null, { status: 204 });
};

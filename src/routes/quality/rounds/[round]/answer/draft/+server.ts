import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { answersOf, areaForm } from '#lib/server/quality/forms.ts';
import { saveArea } from '#lib/server/quality/service.ts';

/** Keeps a member's answers to an area as they are given (static/autosave.js); saving the area is the form's button. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	requireSession(locals);
	const form = await request.formData();
	// An unparsable form still goes to the service, which refuses a stranger (404) before it judges the input (400).
	const parsed = parseForm(areaForm, form);
	valueOf(await saveArea(db(), { actor: actorOf(locals), roundId: params.round }, parsed.ok ? parsed.data.area : '', answersOf(form), getLocale(), { draft: true }));
	return new Response(null, { status: 204 });
};

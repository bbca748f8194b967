import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { answersOf, areaForm } from '#lib/server/quality/forms.ts';
import { saveArea } from '#lib/server/quality/service.ts';

/** Keeps an external rater's answers to an area as they are given (static/autosave.js); the link's token is the key. */
export const POST: RequestHandler = async ({ params, request }) => {
	const form = await request.formData();
	const parsed = parseForm(areaForm, form);
	if (!parsed.ok) error(400, m.error_invalid());
	valueOf(await saveArea(db(), { token: params.token }, parsed.data.area, answersOf(form), getLocale(), { draft: true }));
	return new Response(null, { status: 204 });
};

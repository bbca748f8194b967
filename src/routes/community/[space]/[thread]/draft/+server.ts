import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { draftForm, openSpace, saveDraft } from '#lib/server/community/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { error } from '@sveltejs/kit';
import { message } from '#lib/i18n/message.ts';

/** Keeps a reply as it is typed (static/autosave.js); the page's form works without it. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	requireSession(locals);
	const actor = actorOf(locals);
	const space = valueOf(await openSpace(db(), actor, params.space, getLocale()));
	const parsed = parseForm(draftForm, await request.formData());
	if (!parsed.ok) error(400, message(Object.values(parsed.errors)[0] ?? 'error_invalid'));
	valueOf(await saveDraft(db(), actor, space, params.thread, parsed.data));
	return new Response(null, { status: 204 });
};

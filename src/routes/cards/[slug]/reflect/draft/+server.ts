import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { REFLECTION_STEPS, saveReflection } from '#lib/server/cards/index.ts';

/** Saves the reflection as it is typed (static/autosave.js); the page's form works without it. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	requireSession(locals);
	const form = await request.formData();
	const answers = Object.fromEntries(REFLECTION_STEPS.flatMap((step) => (form.has(step) ? [[step, form.get(step)]] : [])));
	valueOf(await saveReflection(db(), actorOf(locals), params.slug, answers));
	return new Response(null, { status: 204 });
};

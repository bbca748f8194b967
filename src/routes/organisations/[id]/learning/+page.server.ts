import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { setLearningShare, teamLearning } from '#lib/server/learn/progress/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';

// An organisation's course progress: each member's consent, and the leaders' counts (only once
// enough members share). Anyone who is not a member gets the 404 of an organisation that does not exist.

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	return { page: valueOf(await teamLearning(db(), actorOf(locals), params.id, getLocale())) };
};

const shareForm = z.object({ share: z.literal('yes', { error: 'error_invalid' }).optional().transform((v) => v === 'yes') });

export const actions: Actions = {
	share: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(shareForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		const result = await setLearningShare(db(), actorOf(event.locals), event.params.id, parsed.data.share, requestContext(event));
		return respond(result, {}, () => backWithFlash(event, { shareSaved: true }));
	}
};

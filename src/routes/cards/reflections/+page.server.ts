import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { parseForm, uuid } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { deleteReflection, listMyReflections } from '#lib/server/cards/index.ts';

const deleteForm = z.object({ id: uuid() });

export const load: PageServerLoad = async ({ locals }) => {
	requireSession(locals);
	return { reflections: valueOf(await listMyReflections(db(), actorOf(locals), getLocale())) };
};

export const actions: Actions = {
	delete: async ({ locals, request }) => {
		requireSession(locals);
		const parsed = parseForm(deleteForm, await request.formData());
		if (!parsed.ok) return fail(400, { error: 'error_invalid' });
		// Someone else's reflection looks exactly like one that does not exist.
		return respond(await deleteReflection(db(), actorOf(locals), parsed.data.id), {}, () => ({ deleted: true }));
	}
};

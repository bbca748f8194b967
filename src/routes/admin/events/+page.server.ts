import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { numericId, parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { listEvents, retryEvent } from '#lib/server/platform/events/index.ts';
import { m } from '#lib/paraglide/messages.js';

const retryForm = z.object({ event: numericId() });

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'admin:outbox');
	const listed = await listEvents(db(), actorOf(locals));
	if (!listed.ok) error(404, m.error_not_found_title());
	return listed.value;
};

export const actions: Actions = {
	retry: async ({ locals, request }) => {
		requireCan(locals, 'admin:outbox');
		const parsed = parseForm(retryForm, await request.formData());
		if (!parsed.ok) return fail(400, { error: 'error_invalid' });
		const result = await retryEvent(db(), actorOf(locals), parsed.data.event);
		if (!result.ok) return fail(result.problem.kind === 'not_found' ? 404 : 403, { error: result.problem.key ?? 'error_invalid' });
		return { done: 'admin_events_retried' };
	}
};

import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { numericId, parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { refusal, respond, valueOf } from '#lib/server/http/respond.ts';
import { problem } from '#lib/server/result/index.ts';
import { listEvents, retryEvent } from '#lib/server/platform/events/index.ts';

const retryForm = z.object({ event: numericId() });

export const load: PageServerLoad = async ({ locals }) => {
	requireCan(locals, 'admin:outbox');
	return valueOf(await listEvents(db(), actorOf(locals)));
};

export const actions: Actions = {
	retry: async ({ locals, request }) => {
		requireCan(locals, 'admin:outbox');
		const parsed = parseForm(retryForm, await request.formData());
		if (!parsed.ok) return refusal(problem('invalid', { field: 'event' }).problem, { single: true });
		const result = await retryEvent(db(), actorOf(locals), parsed.data.event);
		return respond(result, { single: true }, () => ({ done: 'admin_events_retried' as const }));
	}
};

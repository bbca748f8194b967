import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { parseForm, uuid } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { backWithFlash } from '#lib/server/http/flash.ts';
import { controlLiveSession, getLiveSession, LIVE_FORMS, LIVE_OPTION_MAX, LIVE_OPTIONS_MAX, type LiveCommand } from '#lib/server/cards/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSession(locals);
	const session = valueOf(await getLiveSession(db(), actorOf(locals), params.id));
	return { session, joinUrl: `${url.origin}/join/${session.joinCode}` };
};

const stepForm = z.object({ do: z.enum(['start', 'reveal', 'twist', 'question', 'next', 'lock', 'unlock', 'end'], { error: 'error_invalid' }) });
const answerFormForm = z.object({
	kind: z.enum(LIVE_FORMS, { error: 'error_invalid' }),
	options: z
		.string()
		.max((LIVE_OPTION_MAX + 2) * LIVE_OPTIONS_MAX, 'error_too_long')
		.optional()
		.transform((v) => (v ?? '').split('\n'))
});
const participantForm = z.object({ participant: uuid() });
const answerForm = z.object({ answer: uuid() });

type Event = Parameters<Actions[string]>[0];

async function run(event: Event, command: LiveCommand) {
	const result = await controlLiveSession(db(), actorOf(event.locals), event.params.id!, command);
	return respond(result, {}, () => backWithFlash(event, { done: command.kind }));
}

export const actions: Actions = {
	step: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(stepForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return run(event, { kind: parsed.data.do });
	},
	form: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(answerFormForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors, { values: parsed.values });
		return run(event, { kind: 'form', form: parsed.data.kind, options: parsed.data.options });
	},
	remove: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(participantForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return run(event, { kind: 'remove', participant: parsed.data.participant });
	},
	hide: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(answerForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return run(event, { kind: 'hide', answer: parsed.data.answer });
	},
	show: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(answerForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return run(event, { kind: 'show', answer: parsed.data.answer });
	}
};

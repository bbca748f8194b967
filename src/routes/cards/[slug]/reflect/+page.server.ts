import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { isSlug } from '#lib/server/forms/index.ts';
import { getCard, myReflection, REFLECTION_STEPS, saveReflection } from '#lib/server/cards/index.ts';

async function cardOr404(slug: string) {
	const card = isSlug(slug) ? await getCard(db(), slug, getLocale()) : undefined;
	if (!card) error(404, m.cards_not_found());
	return card;
}

/** The eight steps' fields of a posted form (anything else is ignored). */
function stepsOf(form: FormData): Record<string, unknown> {
	return Object.fromEntries(REFLECTION_STEPS.flatMap((step) => (form.has(step) ? [[step, form.get(step)]] : [])));
}

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	const card = await cardOr404(params.slug);
	const reflection = valueOf(await myReflection(db(), actorOf(locals), params.slug));
	return { card, answers: reflection.answers, steps: REFLECTION_STEPS };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = await request.formData();
		const answers = stepsOf(form);
		const result = await saveReflection(db(), actorOf(locals), params.slug, answers);
		return respond(result, { frame: { values: answers } }, () => ({ saved: true }));
	}
};

import { z } from 'zod';
import { SLUG as KEY } from '../../forms/index.ts';
import type { Answers } from './activities.ts';

export const REFLECTION_MAX = 20_000;

export const activityForm = z.object({
	activity: z.string({ error: 'error_invalid' }).max(80, 'error_invalid').regex(KEY, 'error_invalid')
});

export const reflectionForm = activityForm.extend({
	body: z
		.string({ error: 'error_required' })
		.trim()
		.min(1, 'error_required')
		.max(REFLECTION_MAX, 'error_too_long')
});

/** The options chosen in a quiz or case form: fields named `answer.<question>` (or `answer.choice`). */
export function answersOf(form: FormData): Answers {
	const answers: Answers = {};
	for (const [name, value] of form) {
		if (typeof value !== 'string' || !name.startsWith('answer.')) continue;
		const question = name.slice('answer.'.length);
		if (!KEY.test(question) || !KEY.test(value) || value.length > 80) continue;
		(answers[question] ??= []).push(value);
	}
	return answers;
}

/** The text of a reflection draft, or null when it is not acceptable text. */
export function draftTextOf(form: FormData): string | null {
	const body = form.get('body') ?? '';
	if (typeof body !== 'string' || body.length > REFLECTION_MAX || body.includes('\u0000')) return null;
	return body;
}

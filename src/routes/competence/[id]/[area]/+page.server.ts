import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { getAssessment, NOTE_MAX, saveArea } from '#lib/server/competence/index.ts';
import { isSlug, parseForm, plainText } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond, valueOf } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';

const areaForm = z.object({ note: plainText(NOTE_MAX).default(''), intent: z.enum(['save', 'done', 'autosave']).default('save') });
/** Answers come as `a:<statement key>` fields, one radio group per statement. */
const ANSWER = /^a:([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export const load: PageServerLoad = async ({ locals, params }) => {
	requireSession(locals);
	if (!isSlug(params.area)) error(404, m.error_not_found_title());
	const view = valueOf(await getAssessment(db(), actorOf(locals), params.id, getLocale()));
	const index = view.standards.areas.findIndex((a) => a.key === params.area);
	if (index === -1) error(404, m.error_not_found_title());
	const area = view.standards.areas[index]!;
	const next = view.standards.areas[index + 1];
	return {
		id: view.id,
		area,
		state: view.areas[index]!,
		position: index + 1,
		count: view.standards.areas.length,
		next: next ? { key: next.key, title: next.title } : null,
		scale: view.standards.scale,
		answers: Object.fromEntries(area.statements.map((s) => [s.key, view.answers.has(s.key) ? String(view.answers.get(s.key)) : '']))
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		requireSession(locals);
		const form = await request.formData();
		const parsed = parseForm(areaForm, form);
		const answers: Record<string, string> = {};
		for (const [key, value] of form) {
			const match = ANSWER.exec(key);
			if (match && typeof value === 'string') answers[match[1]!] = value;
		}
		if (!parsed.ok) return fail(parsed.errors.note === 'error_too_long' ? 413 : 400, { errors: parsed.errors, answers, note: parsed.values.note ?? '' });
		const { intent, note } = parsed.data;
		const result = await saveArea(db(), actorOf(locals), params.id, { areaKey: params.area, answers, note, done: intent === 'done' }, getLocale());
		return respond(result, { frame: { answers, note } }, (saved) => {
			if (intent === 'done') redirect(303, localizeHref(saved.completed ? `/competence/${params.id}/results` : `/competence/${params.id}?done=${params.area}`));
			return { saved: true, at: new Date().toISOString() };
		});
	}
};

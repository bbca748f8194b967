import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { discussionOf } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { respond } from '#lib/server/http/respond.ts';
import type { Result } from '#lib/server/result/index.ts';
import { isRight, openLesson, saveReflection, submitCase, submitQuiz, type Answers } from '#lib/server/learn/progress/index.ts';
import type { ActivityView } from '#lib/server/learn/catalogue/index.ts';
import { lessonsInOrder } from '#lib/server/learn/catalogue/index.ts';
import { stableShuffle } from '#lib/server/learn/content/index.ts';
import { activityForm, answersOf, reflectionForm } from '#lib/server/learn/progress/index.ts';
import { lessonOr404 } from '../../../pages.ts';
import { parseForm } from '#lib/server/forms/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { outline, lesson } = await lessonOr404(params);
	// Records the view for an enrolled learner; their answers come only to them.
	const opened = await openLesson(db(), actorOf(locals), { origin: url.origin }, lesson.ref);
	const progress = opened?.progress ?? null;
	const enrolled = !!progress?.enrolled;
	const mine = opened?.responses ?? null;
	const order = lessonsInOrder(outline);
	const index = order.findIndex((l) => l.id === lesson.ref.id);
	const link = (l: (typeof order)[number] | undefined) => l && { href: `/learn/${outline.slug}/${l.moduleKey}/${l.key}`, title: l.title };
	const { ref, module, activities, ...view } = lesson;
	return {
		course: { slug: outline.slug, title: outline.title },
		module: { key: module.key, title: module.title, lessons: module.lessons.map((l) => ({ id: l.id, key: l.key, title: l.title })) },
		// The course outline drawer: from the shared outline and the progress loaded above, no query of its own.
		outline: outline.moduleList.map((mod) => ({ id: mod.id, key: mod.key, title: mod.title, lessons: mod.lessons.map((l) => ({ id: l.id, key: l.key, title: l.title })) })),
		modulesCompleted: progress ? [...progress.modulesCompleted] : [],
		lesson: { ...view, id: ref.id, key: ref.key, completion: ref.completion },
		activities: activities.map((a) => publicActivity(a, mine?.responses.get(a.key)?.answer ?? null, `${actorOf(locals)?.id ?? 'visitor'}:${ref.id}`)),
		enrolled,
		discussion: await discussionOf(db(), actorOf(locals), { kind: 'course', path: `/learn/${outline.slug}/${module.key}/${ref.key}` }, getLocale()),
		completed: progress ? [...progress.completed] : [],
		moduleCompleted: progress?.modulesCompleted.has(module.id) ?? false,
		courseCompleted: !!progress?.completedAt,
		responses: Object.fromEntries(
			[...(mine?.responses ?? new Map())].map(([key, r]) => [
				key,
				{ draft: r.draft, answer: r.answer, score: r.score, bestScore: r.bestScore, passed: r.passed, attempts: r.attempts, submitted: !!r.submittedAt }
			])
		),
		journal: Object.fromEntries(
			[...(mine?.journal ?? new Map())].map(([key, j]) => [key, { body: j.body, draft: j.draft, saved: !!j.submittedAt, id: j.id }])
		),
		// Set by the redirect after a successful post (post/redirect/get): which activity was just sent.
		done: url.searchParams.get('done'),
		previous: link(order[index - 1]),
		next: link(order[index + 1])
	};
};

/**
 * What the page may know of an activity: no correct answers, and feedback only for the options the
 * learner chose in their last attempt (so the page source gives nothing away). Options come in an
 * order of the learner's own (stable for them), so the right answer's position gives nothing away.
 */
function publicActivity(a: ActivityView, answer: Answers | null, learner: string) {
	// A case's choices, too, in the learner's own order: the best choice is not always the middle one.
	if (a.kind === 'case') return { ...a, choices: stableShuffle(a.choices, `${learner}:${a.key}`) };
	if (a.kind !== 'quiz') return a;
	return {
		...a,
		questions: a.questions.map((q) => {
			const chosen = answer?.[q.key] ?? [];
			const right = isRight(chosen, q.options.filter((o) => o.correct).map((o) => o.key));
			return {
				key: q.key,
				prompt: q.prompt,
				multiple: q.multiple,
				options: stableShuffle(q.options, `${learner}:${a.key}:${q.key}`).map((o) => ({ key: o.key, text: o.text })),
				result: answer ? { right, feedback: q.options.filter((o) => chosen.includes(o.key)).map((o) => ({ key: o.key, text: o.text, feedback: o.feedback })) } : null
			};
		})
	};
}

/** The signed-in actor and the lesson an action is about (the services check the enrolment). */
async function context(event: RequestEvent) {
	requireSession(event.locals);
	const { lesson } = await lessonOr404(event.params);
	return { actor: actorOf(event.locals), ctx: { origin: event.url.origin }, lesson };
}

/**
 * Post/redirect/get: after a successful post the browser is sent to the lesson again, so the address
 * bar holds a page (not `?/quiz`) and a reload sends nothing twice; the page shows the stored result.
 */
function backToLesson(event: RequestEvent, key: string, anchor: 'result' | 'title'): never {
	redirect(303, `${event.url.pathname}?done=${encodeURIComponent(key)}#${key}-${anchor}`);
}

/** Submits a quiz attempt or a case choice: both are options chosen in a form. */
async function choose(event: RequestEvent, kind: 'quiz' | 'case') {
	const { actor, ctx, lesson } = await context(event);
	const form = await event.request.formData();
	const parsed = parseForm(activityForm, form);
	if (!parsed.ok) return fail(400, { activity: '', error: 'error_invalid' });
	const key = parsed.data.activity;
	const title = lesson.activities.find((a) => a.key === key)?.title ?? key;
	const answers = answersOf(form);
	const args = [db(), actor, ctx, lesson.ref, key, answers, title] as const;
	const result: Result<unknown> = kind === 'quiz' ? await submitQuiz(...args) : await submitCase(...args);
	// A refused attempt comes back with the answers just chosen, not the stored ones.
	return respond(result, { single: true, frame: { activity: key, answers } }, () => backToLesson(event, key, kind === 'quiz' ? 'result' : 'title'));
}

export const actions: Actions = {
	quiz: (event) => choose(event, 'quiz'),
	case: (event) => choose(event, 'case'),
	reflection: async (event) => {
		const { actor, ctx, lesson } = await context(event);
		const parsed = parseForm(reflectionForm, await event.request.formData());
		if (!parsed.ok) {
			return fail(400, { activity: parsed.values.activity ?? '', error: parsed.errors.body ?? 'error_invalid', text: parsed.values.body ?? '' });
		}
		const { activity: key, body } = parsed.data;
		const activity = lesson.activities.find((a) => a.key === key);
		const prompt = activity?.kind === 'reflection' ? activity.prompt : '';
		const result = await saveReflection(db(), actor, ctx, lesson.ref, key, body, prompt, activity?.title ?? key);
		return respond(result, { single: true, frame: { activity: key, text: body } }, () => backToLesson(event, key, 'title'));
	}
};

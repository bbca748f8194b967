import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '#lib/server/app.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { getLessonResponses, isRight, saveReflection, submitCase, submitQuiz, type Answers } from '#lib/server/learn/progress/index.ts';
import type { ActivityView } from '#lib/server/learn/catalogue/index.ts';
import { lessonsInOrder } from '#lib/server/learn/catalogue/index.ts';
import { stableShuffle } from '#lib/server/learn/content/index.ts';
import { activityForm, answersOf, reflectionForm } from '#lib/server/learn/progress/index.ts';
import { lessonOr404 } from '../../../pages.ts';
import { getCourseProgress, getEnrolment, recordLessonView } from '#lib/server/learn/progress/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { outline, lesson } = await lessonOr404(params);
	const session = locals.session;
	let progress = session ? await getCourseProgress(db(), session.user.id, outline.id) : null;
	if (session && progress?.enrolled && (!progress.viewed.has(lesson.ref.id) || progress.lastLessonId !== lesson.ref.id)) {
		await recordLessonView(db(), { userId: session.user.id, origin: url.origin }, lesson.ref);
		progress = await getCourseProgress(db(), session.user.id, outline.id);
	}
	const enrolled = !!progress?.enrolled;
	const mine = session && enrolled && lesson.activities.length ? await getLessonResponses(db(), session.user.id, lesson.ref.id) : null;
	const order = lessonsInOrder(outline);
	const index = order.findIndex((l) => l.id === lesson.ref.id);
	const link = (l: (typeof order)[number] | undefined) => l && { href: `/learn/${outline.slug}/${l.moduleKey}/${l.key}`, title: l.title };
	const { ref, module, activities, ...view } = lesson;
	return {
		course: { slug: outline.slug, title: outline.title },
		module: { key: module.key, title: module.title, lessons: module.lessons.map((l) => ({ id: l.id, key: l.key, title: l.title })) },
		lesson: { ...view, id: ref.id, key: ref.key, completion: ref.completion },
		activities: activities.map((a) => publicActivity(a, mine?.responses.get(a.key)?.answer ?? null, `${session?.user.id ?? 'visitor'}:${ref.id}`)),
		enrolled,
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

/** The signed-in, enrolled learner and the lesson an action is about. */
async function context(event: RequestEvent) {
	const session = requireSession(event.locals);
	const { outline, lesson } = await lessonOr404(event.params);
	const enrolled = !!(await getEnrolment(db(), session.user.id, outline.id));
	return { learner: { userId: session.user.id, origin: event.url.origin }, lesson, enrolled };
}

/** Submits a quiz attempt or a case choice: both are options chosen in a form. */
async function choose(event: RequestEvent, kind: 'quiz' | 'case') {
	const { learner, lesson, enrolled } = await context(event);
	const form = await event.request.formData();
	const parsed = parseForm(activityForm, form);
	if (!parsed.ok) return fail(400, { activity: '', error: 'error_invalid' });
	const key = parsed.data.activity;
	if (!enrolled) return fail(403, { activity: key, error: 'learn_error_not_enrolled' });
	const title = lesson.activities.find((a) => a.key === key)?.title ?? key;
	const result = await (kind === 'quiz' ? submitQuiz : submitCase)(db(), learner, lesson.ref, key, answersOf(form), title);
	if (result === 'unknown_activity') return fail(400, { activity: key, error: 'error_invalid' });
	if (result === 'incomplete') return fail(400, { activity: key, error: kind === 'quiz' ? 'learn_error_answer_all' : 'learn_error_choose' });
	return { activity: key, submitted: kind };
}

export const actions: Actions = {
	quiz: (event) => choose(event, 'quiz'),
	case: (event) => choose(event, 'case'),
	reflection: async (event) => {
		const { learner, lesson, enrolled } = await context(event);
		const parsed = parseForm(reflectionForm, await event.request.formData());
		if (!parsed.ok) {
			return fail(400, { activity: parsed.values.activity ?? '', error: parsed.errors.body ?? 'error_invalid', text: parsed.values.body ?? '' });
		}
		const { activity: key, body } = parsed.data;
		if (!enrolled) return fail(403, { activity: key, error: 'learn_error_not_enrolled', text: body });
		const activity = lesson.activities.find((a) => a.key === key);
		const prompt = activity?.kind === 'reflection' ? activity.prompt : '';
		const result = await saveReflection(db(), learner, lesson.ref, key, body, prompt, activity?.title ?? key);
		if (result === 'unknown_activity') return fail(400, { activity: key, error: 'error_invalid', text: body });
		if (result === 'incomplete') return fail(400, { activity: key, error: 'error_required', text: body });
		return { activity: key, submitted: 'reflection' };
	}
};

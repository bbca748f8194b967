import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { activityResponse, journalEntry } from '../../db/schema/learn.ts';
import { can, type Actor } from '../../policies/index.ts';
import { ok, problem, type Result } from '../../result/index.ts';
import type { ActivityStructure } from '../content/index.ts';
import { learnerProgressed } from './live.ts';
import { activityObject, afterActivity, courseObject, enrolledLearner, getCourseProgress, recordLessonView, type CourseProgress, type LearnContext, type Learner, type LessonRef } from './progress.ts';
import { recordLearningEvent } from './xapi.ts';

/** Chosen options per question (quiz) or the one choice under the key "choice" (case). */
export type Answers = Record<string, string[]>;

export type QuizResult = { score: number; passed: boolean; correct: Record<string, boolean> };

type Quiz = Extract<ActivityStructure, { kind: 'quiz' }>;

/** A question is answered right when exactly its correct options are chosen. */
export function isRight(chosen: string[], correct: string[]): boolean {
	const unique = [...new Set(chosen)];
	return unique.length === correct.length && unique.every((c) => correct.includes(c));
}

/** Grades a quiz: the share of questions answered right, in percent. */
export function gradeQuiz(quiz: Quiz, answers: Answers): QuizResult {
	const correct: Record<string, boolean> = {};
	for (const q of quiz.questions) correct[q.key] = isRight(answers[q.key] ?? [], q.correct);
	const right = Object.values(correct).filter(Boolean).length;
	const score = Math.round((right / quiz.questions.length) * 100);
	return { score, passed: score >= quiz.passMark, correct };
}

/** Keeps only answers that name real questions and options (or choices): the rest is ignored. */
export function cleanAnswers(activity: ActivityStructure, answers: Answers): Answers {
	if (activity.kind === 'quiz') {
		const clean: Answers = {};
		for (const q of activity.questions) {
			const chosen = (answers[q.key] ?? []).filter((o) => q.options.includes(o));
			if (chosen.length) clean[q.key] = q.multiple ? [...new Set(chosen)] : chosen.slice(0, 1);
		}
		return clean;
	}
	if (activity.kind === 'case') {
		const choice = (answers.choice ?? []).find((c) => activity.choices.includes(c));
		return choice ? { choice: [choice] } : {};
	}
	return {};
}

const findActivity = (l: LessonRef, key: string) => l.activities.find((a) => a.key === key);

// Refusals are about the activity's form: `activity` is the field the lesson page shows them at.
const unknownActivity = () => problem('invalid', { field: 'activity', key: 'error_invalid' });
const incomplete = (key: string) => problem('invalid', { field: 'activity', key });

/** Submits a quiz attempt (enrolled learners only): the score is kept, the best score too; retries are unlimited. */
export async function submitQuiz(db: DbOrTx, actor: Actor, ctx: LearnContext, l: LessonRef, key: string, raw: Answers, title: string): Promise<Result<QuizResult>> {
	const enrolled = await enrolledLearner(db, actor, ctx, l.courseId);
	if (!enrolled.ok) return enrolled;
	const learner = enrolled.value;
	const quiz = findActivity(l, key);
	if (quiz?.kind !== 'quiz') return unknownActivity();
	const answers = cleanAnswers(quiz, raw);
	if (quiz.questions.some((q) => !answers[q.key])) return incomplete('learn_error_answer_all');
	const result = gradeQuiz(quiz, answers);
	return db.transaction(async (tx) => {
		const now = new Date();
		const [previous] = await tx
			.select({ best: activityResponse.bestScore, passed: activityResponse.passed, attempts: activityResponse.attempts })
			.from(activityResponse)
			.where(and(eq(activityResponse.userId, learner.userId), eq(activityResponse.lessonId, l.id), eq(activityResponse.activityKey, key)));
		const values = {
			answer: answers,
			draft: null,
			score: result.score,
			bestScore: Math.max(result.score, previous?.best ?? 0),
			passed: result.passed || (previous?.passed ?? false),
			attempts: (previous?.attempts ?? 0) + 1,
			submittedAt: now,
			updatedAt: now
		};
		await tx
			.insert(activityResponse)
			.values({ userId: learner.userId, lessonId: l.id, activityKey: key, courseId: l.courseId, ...values })
			.onConflictDoUpdate({ target: [activityResponse.userId, activityResponse.lessonId, activityResponse.activityKey], set: values });
		await recordLearningEvent(tx, {
			...learner,
			verb: result.passed ? 'passed' : 'failed',
			object: activityObject(l, key, title),
			result: { score: { scaled: result.score / 100, raw: result.score, min: 0, max: 100 }, success: result.passed, completion: true },
			parent: courseObject(l)
		});
		// A facilitator watching the cohort sees the new score (completing the lesson tells them too).
		await learnerProgressed(tx, learner.userId, l.courseId);
		await afterActivity(tx, learner, l);
		return ok(result);
	});
}

/** Records that a learner answered a case or a reflection (never what they wrote). */
function responded(db: DbOrTx, learner: Learner, l: LessonRef, key: string, title: string): Promise<void> {
	return recordLearningEvent(db, { ...learner, verb: 'responded', object: activityObject(l, key, title), result: { completion: true }, parent: courseObject(l) });
}

/** Records the choice made in a case scenario (it can be changed; every choice is recorded). */
export async function submitCase(db: DbOrTx, actor: Actor, ctx: LearnContext, l: LessonRef, key: string, raw: Answers, title: string): Promise<Result<Answers>> {
	const enrolled = await enrolledLearner(db, actor, ctx, l.courseId);
	if (!enrolled.ok) return enrolled;
	const learner = enrolled.value;
	const activity = findActivity(l, key);
	if (activity?.kind !== 'case') return unknownActivity();
	const answers = cleanAnswers(activity, raw);
	if (!answers.choice) return incomplete('learn_error_choose');
	return db.transaction(async (tx) => {
		const now = new Date();
		const values = { answer: answers, draft: null, submittedAt: now, updatedAt: now };
		await tx
			.insert(activityResponse)
			.values({ userId: learner.userId, lessonId: l.id, activityKey: key, courseId: l.courseId, attempts: 1, ...values })
			.onConflictDoUpdate({ target: [activityResponse.userId, activityResponse.lessonId, activityResponse.activityKey], set: values });
		await responded(tx, learner, l, key, title);
		await afterActivity(tx, learner, l);
		return ok(answers);
	});
}

/** Saves a reflection to the learner's private journal (the text never goes into learning records). */
export async function saveReflection(
	db: DbOrTx,
	actor: Actor,
	ctx: LearnContext,
	l: LessonRef,
	key: string,
	body: string,
	prompt: string,
	title: string
): Promise<Result> {
	const enrolled = await enrolledLearner(db, actor, ctx, l.courseId);
	if (!enrolled.ok) return enrolled;
	const learner = enrolled.value;
	if (findActivity(l, key)?.kind !== 'reflection') return unknownActivity();
	if (!body.trim()) return incomplete('error_required');
	return db.transaction(async (tx) => {
		const now = new Date();
		const [existing] = await tx
			.select({ submittedAt: journalEntry.submittedAt })
			.from(journalEntry)
			.where(and(eq(journalEntry.userId, learner.userId), eq(journalEntry.lessonId, l.id), eq(journalEntry.activityKey, key)));
		await tx
			.insert(journalEntry)
			.values({ userId: learner.userId, lessonId: l.id, activityKey: key, prompt, body, draft: null, submittedAt: now, updatedAt: now })
			.onConflictDoUpdate({
				target: [journalEntry.userId, journalEntry.lessonId, journalEntry.activityKey],
				set: { body, prompt, draft: null, submittedAt: now, updatedAt: now }
			});
		if (!existing?.submittedAt) await responded(tx, learner, l, key, title);
		await afterActivity(tx, learner, l);
		return ok();
	});
}

/** Keeps what a learner has chosen or typed so far, so a reload loses nothing. */
export async function saveDraft(db: DbOrTx, actor: Actor, ctx: LearnContext, l: LessonRef, key: string, draft: { answers: Answers; text: string }): Promise<Result> {
	const enrolled = await enrolledLearner(db, actor, ctx, l.courseId);
	if (!enrolled.ok) return enrolled;
	const learner: Learner = enrolled.value;
	const activity = findActivity(l, key);
	if (!activity) return unknownActivity();
	const now = new Date();
	if (activity.kind === 'reflection') {
		await db
			.insert(journalEntry)
			.values({ userId: learner.userId, lessonId: l.id, activityKey: key, draft: draft.text, updatedAt: now })
			.onConflictDoUpdate({ target: [journalEntry.userId, journalEntry.lessonId, journalEntry.activityKey], set: { draft: draft.text, updatedAt: now } });
		return ok();
	}
	const answers = cleanAnswers(activity, draft.answers);
	await db
		.insert(activityResponse)
		.values({ userId: learner.userId, lessonId: l.id, activityKey: key, courseId: l.courseId, draft: answers, updatedAt: now })
		.onConflictDoUpdate({
			target: [activityResponse.userId, activityResponse.lessonId, activityResponse.activityKey],
			set: { draft: answers, updatedAt: now }
		});
	return ok();
}

export type LessonResponses = Awaited<ReturnType<typeof responsesOf>>;

/**
 * The actor opens a lesson: their progress in the course and, when they are enrolled, their answers
 * in this lesson; the view is recorded (first view, place to resume). Null for a visitor.
 */
export async function openLesson(db: DbOrTx, actor: Actor, ctx: LearnContext, l: LessonRef): Promise<{ progress: CourseProgress; responses: LessonResponses | null } | null> {
	let progress = await getCourseProgress(db, actor, l.courseId);
	if (!actor || !progress) return null;
	const enrolment = progress.enrolled ? { userId: actor.id } : null;
	if (!can(actor, 'course:progress', { enrolment })) return { progress, responses: null };
	if (!progress.viewed.has(l.id) || progress.lastLessonId !== l.id) {
		await recordLessonView(db, actor, ctx, l);
		progress = (await getCourseProgress(db, actor, l.courseId))!;
	}
	return { progress, responses: l.activities.length ? await responsesOf(db, actor.id, l.id) : null };
}

/** What the actor has answered in one lesson: responses and journal entries by activity key. */
export async function getLessonResponses(db: DbOrTx, actor: Actor, lessonId: number) {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	return ok(await responsesOf(db, actor.id, lessonId));
}

async function responsesOf(db: DbOrTx, userId: string, lessonId: number) {
	const responses = await db
		.select()
		.from(activityResponse)
		.where(and(eq(activityResponse.userId, userId), eq(activityResponse.lessonId, lessonId)));
	const journal = await db
		.select()
		.from(journalEntry)
		.where(and(eq(journalEntry.userId, userId), eq(journalEntry.lessonId, lessonId)));
	return {
		responses: new Map(responses.map((r) => [r.activityKey, r])),
		journal: new Map(journal.map((j) => [j.activityKey ?? '', j]))
	};
}

import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { activityResponse, course, courseModule, enrolment, journalEntry, lesson, lessonProgress, moduleCompletion } from '../../db/schema/learn.ts';
import { can, type Actor } from '../../policies/index.ts';
import { ok, problem, type Result } from '../../result/index.ts';
import type { ActivityStructure } from '../content/index.ts';
import { issueCertificate } from './certificates.ts';
import type { LessonRef } from '../catalogue/index.ts';
import { learnerProgressed } from './live.ts';
import { recordLearningEvent, type XapiObject } from './xapi.ts';
import { emit } from '../../events/index.ts';

/** Emitted once when a learner completes a module: `{ userId, moduleId }`. */
export const MODULE_COMPLETED = 'learn.module_completed';

export type { LessonRef } from '../catalogue/index.ts';

/** Who is learning, and the site's origin for their learning records (inside this module, after the policy). */
export type Learner = { userId: string; origin: string };
/** What a learning service needs of the request besides the actor: the site's origin, for learning records. */
export type LearnContext = { origin: string };

export const courseObject = (l: Pick<LessonRef, 'courseSlug' | 'courseTitle'>): XapiObject => ({ kind: 'course', path: `courses/${l.courseSlug}`, name: l.courseTitle });
const lessonObject = (l: LessonRef): XapiObject => ({ kind: 'lesson', path: `courses/${l.courseSlug}/lessons/${l.key}`, name: l.title });
export const activityObject = (l: LessonRef, key: string, name: string): XapiObject => ({
	kind: l.activities.find((a) => a.key === key)?.kind === 'quiz' ? 'assessment' : 'interaction',
	path: `courses/${l.courseSlug}/lessons/${l.key}/activities/${key}`,
	name
});

async function getEnrolment(db: DbOrTx, userId: string, courseId: number) {
	const [row] = await db.select().from(enrolment).where(and(eq(enrolment.userId, userId), eq(enrolment.courseId, courseId)));
	return row;
}

/**
 * The policy question before a learner's progress in a course changes (answers, drafts, views):
 * the learner, or the refusal for someone not enrolled.
 */
export async function enrolledLearner(db: DbOrTx, actor: Actor, ctx: LearnContext, courseId: number): Promise<Result<Learner>> {
	const enrolment = actor ? await getEnrolment(db, actor.id, courseId) : undefined;
	if (!actor || !can(actor, 'course:progress', { enrolment })) return problem('forbidden', { field: 'activity', key: 'learn_error_not_enrolled' });
	return ok({ userId: actor.id, origin: ctx.origin });
}

/** Enrols the actor in a course (again: nothing changes); records `registered` the first time. */
export async function enrol(db: DbOrTx, actor: Actor, ctx: LearnContext, c: { id: number; slug: string; title: string; status: string }): Promise<Result> {
	if (!actor || !can(actor, 'course:enrol', c)) return problem('not_found', { key: 'learn_course_not_found' });
	const learner = { userId: actor.id, origin: ctx.origin };
	const inserted = await db
		.insert(enrolment)
		.values({ userId: learner.userId, courseId: c.id })
		.onConflictDoNothing()
		.returning({ userId: enrolment.userId });
	if (inserted.length) {
		await recordLearningEvent(db, { ...learner, verb: 'registered', object: courseObject({ courseSlug: c.slug, courseTitle: c.title }) });
	}
	return ok();
}

/**
 * An enrolled learner opened a lesson: remember it as the place to resume, record the first view,
 * and complete the lesson when opening it is all it asks.
 */
export async function recordLessonView(db: DbOrTx, actor: Actor, ctx: LearnContext, l: LessonRef): Promise<Result> {
	const learner = await enrolledLearner(db, actor, ctx, l.courseId);
	if (!learner.ok) return learner;
	await recordView(db, learner.value, l);
	return ok();
}

async function recordView(db: DbOrTx, learner: Learner, l: LessonRef): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.update(enrolment)
			.set({ lastLessonId: l.id })
			.where(and(eq(enrolment.userId, learner.userId), eq(enrolment.courseId, l.courseId), sql`${enrolment.lastLessonId} is distinct from ${l.id}`));
		const first = await tx
			.insert(lessonProgress)
			.values({ userId: learner.userId, lessonId: l.id, courseId: l.courseId })
			.onConflictDoNothing()
			.returning({ lessonId: lessonProgress.lessonId });
		if (!first.length) return;
		await recordLearningEvent(tx, { ...learner, verb: 'experienced', object: lessonObject(l), parent: courseObject(l) });
		if (l.completion === 'viewed') await completeLesson(tx, learner, l);
	});
}

/** Checks the lesson's rule after an activity was answered, and completes the lesson when it holds. */
export async function afterActivity(db: DbOrTx, learner: Learner, l: LessonRef): Promise<void> {
	if (l.completion === 'viewed') return;
	const responses = await db
		.select({ key: activityResponse.activityKey, passed: activityResponse.passed })
		.from(activityResponse)
		.where(and(eq(activityResponse.userId, learner.userId), eq(activityResponse.lessonId, l.id), isNotNull(activityResponse.submittedAt)));
	const reflections = await db
		.select({ key: journalEntry.activityKey })
		.from(journalEntry)
		.where(and(eq(journalEntry.userId, learner.userId), eq(journalEntry.lessonId, l.id), isNotNull(journalEntry.submittedAt)));
	const done = (a: ActivityStructure) =>
		a.kind === 'reflection' ? reflections.some((r) => r.key === a.key) : responses.some((r) => r.key === a.key);
	const holds =
		l.completion === 'quiz'
			? l.activities.filter((a) => a.kind === 'quiz').every((a) => responses.some((r) => r.key === a.key && r.passed))
			: l.activities.every(done);
	if (holds) await completeLesson(db, learner, l);
}

/**
 * Marks a lesson complete (once), then the module when all its lessons are complete (recording its
 * hours), then the course when all modules are (issuing the certificate).
 */
async function completeLesson(db: DbOrTx, learner: Learner, l: LessonRef): Promise<void> {
	const done = await db
		.insert(lessonProgress)
		.values({ userId: learner.userId, lessonId: l.id, courseId: l.courseId, completedAt: new Date() })
		.onConflictDoUpdate({
			target: [lessonProgress.userId, lessonProgress.lessonId],
			set: { completedAt: new Date() },
			setWhere: isNull(lessonProgress.completedAt)
		})
		.returning({ lessonId: lessonProgress.lessonId });
	if (!done.length) return;
	await recordLearningEvent(db, { ...learner, verb: 'completed', object: lessonObject(l), result: { completion: true }, parent: courseObject(l) });
	await learnerProgressed(db, learner.userId, l.courseId);

	const [open] = await db
		.select({ n: count() })
		.from(lesson)
		.leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lesson.id), eq(lessonProgress.userId, learner.userId)))
		.where(and(eq(lesson.moduleId, l.moduleId), eq(lesson.status, 'published'), isNull(lessonProgress.completedAt)));
	if (open!.n > 0) return;
	const [mod] = await db.select({ hours: courseModule.hours }).from(courseModule).where(eq(courseModule.id, l.moduleId));
	const inserted = await db
		.insert(moduleCompletion)
		.values({ userId: learner.userId, moduleId: l.moduleId, courseId: l.courseId, hours: mod!.hours })
		.onConflictDoNothing()
		.returning({ moduleId: moduleCompletion.moduleId });
	if (!inserted.length) return;
	// After commit, other capabilities act on it (My CPD adds a draft entry with the module's hours).
	await emit(db, { type: MODULE_COMPLETED, payload: { userId: learner.userId, moduleId: l.moduleId } });
	await recordLearningEvent(db, {
		...learner,
		verb: 'completed',
		object: { kind: 'module', path: `courses/${l.courseSlug}/modules/${l.moduleKey}`, name: l.moduleTitle },
		result: { completion: true, duration: `PT${mod!.hours}H` },
		parent: courseObject(l)
	});

	const [remaining] = await db
		.select({ n: count() })
		.from(courseModule)
		.leftJoin(moduleCompletion, and(eq(moduleCompletion.moduleId, courseModule.id), eq(moduleCompletion.userId, learner.userId)))
		.where(and(eq(courseModule.courseId, l.courseId), eq(courseModule.status, 'published'), isNull(moduleCompletion.moduleId)));
	if (remaining!.n > 0) return;
	const finished = await db
		.update(enrolment)
		.set({ completedAt: new Date() })
		.where(and(eq(enrolment.userId, learner.userId), eq(enrolment.courseId, l.courseId), isNull(enrolment.completedAt)))
		.returning({ courseId: enrolment.courseId });
	if (!finished.length) return;
	const [{ hours } = { hours: 0 }] = await db
		.select({ hours: sql<number>`coalesce(sum(${courseModule.hours}), 0)::real` })
		.from(courseModule)
		.where(and(eq(courseModule.courseId, l.courseId), eq(courseModule.status, 'published')));
	await recordLearningEvent(db, {
		...learner,
		verb: 'completed',
		object: courseObject(l),
		result: { completion: true, duration: `PT${hours}H` }
	});
	await issueCertificate(db, learner.userId, l.courseId, hours);
}

export type CourseProgress = {
	enrolled: boolean;
	enrolledAt: Date | null;
	completedAt: Date | null;
	lastLessonId: number | null;
	viewed: Set<number>;
	completed: Set<number>;
	modulesCompleted: Set<number>;
};

/** The actor's own progress through one course (null for a visitor who is not signed in). */
export async function getCourseProgress(db: DbOrTx, actor: Actor, courseId: number): Promise<CourseProgress | null> {
	if (!actor || !can(actor, 'account:use')) return null;
	return progressOf(db, actor.id, courseId);
}

/** One learner's progress through one course, in one query (it runs on every lesson page). */
async function progressOf(db: DbOrTx, userId: string, courseId: number): Promise<CourseProgress> {
	const [row] = await queryRows<{
		enrolled_at: string | Date | null;
		completed_at: string | Date | null;
		last_lesson_id: number | null;
		viewed: number[];
		completed: number[];
		modules: number[];
	}>(
		db,
		sql`select e.created_at as enrolled_at, e.completed_at, e.last_lesson_id,
			array(select p.lesson_id from lesson_progress p where p.user_id = ${userId} and p.course_id = ${courseId}) as viewed,
			array(select p.lesson_id from lesson_progress p where p.user_id = ${userId} and p.course_id = ${courseId} and p.completed_at is not null) as completed,
			array(select c.module_id from module_completion c where c.user_id = ${userId} and c.course_id = ${courseId}) as modules
		from (select 1) as one left join enrolment e on e.user_id = ${userId} and e.course_id = ${courseId}`
	);
	const date = (v: string | Date | null | undefined) => (v ? new Date(v) : null);
	return {
		enrolled: !!row?.enrolled_at,
		enrolledAt: date(row?.enrolled_at),
		completedAt: date(row?.completed_at),
		lastLessonId: row?.last_lesson_id ?? null,
		viewed: new Set(row?.viewed ?? []),
		completed: new Set(row?.completed ?? []),
		modulesCompleted: new Set(row?.modules ?? [])
	};
}

/** The courses the actor is enrolled in, with counts of lessons done and in all (none for a visitor). */
export async function listEnrolments(db: DbOrTx, actor: Actor) {
	if (!actor || !can(actor, 'account:use')) return [];
	const userId = actor.id;
	return db
		.select({
			courseId: enrolment.courseId,
			slug: course.slug,
			enrolledAt: enrolment.enrolledAt,
			completedAt: enrolment.completedAt,
			lastLessonId: enrolment.lastLessonId,
			lessons: sql<number>`(select count(*)::int from lesson l where l.course_id = ${enrolment.courseId} and l.status = 'published')`,
			done: sql<number>`(select count(*)::int from lesson_progress p join lesson l on l.id = p.lesson_id where p.user_id = ${enrolment.userId} and p.course_id = ${enrolment.courseId} and p.completed_at is not null and l.status = 'published')`
		})
		.from(enrolment)
		.innerJoin(course, eq(course.id, enrolment.courseId))
		.where(eq(enrolment.userId, userId))
		.orderBy(sql`${enrolment.completedAt} is not null`, sql`${enrolment.enrolledAt} desc`);
}

/** The lessons the actor has completed, by course: one query for all their courses. */
export async function completedLessonsByCourse(db: DbOrTx, actor: Actor): Promise<Map<number, Set<number>>> {
	if (!actor || !can(actor, 'account:use')) return new Map();
	const userId = actor.id;
	const rows = await db
		.select({ courseId: lessonProgress.courseId, lessonId: lessonProgress.lessonId })
		.from(lessonProgress)
		.where(and(eq(lessonProgress.userId, userId), isNotNull(lessonProgress.completedAt)));
	const byCourse = new Map<number, Set<number>>();
	for (const r of rows) byCourse.set(r.courseId, (byCourse.get(r.courseId) ?? new Set()).add(r.lessonId));
	return byCourse;
}

/** A course (`lessonRef` null) or one of its lessons (`module/lesson`), as other capabilities link to them. */
export type TrainingRef = { courseSlug: string; lessonRef: string | null };
/** Counts of learners who have started (enrolled in the course / opened the lesson) and completed it. */
export type TrainingUptake = { started: number; completed: number };

/** The key of a training reference in trainingUptake's answer: `course` or `course/module/lesson`. */
export const trainingKey = (ref: TrainingRef) => (ref.lessonRef ? `${ref.courseSlug}/${ref.lessonRef}` : ref.courseSlug);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How many of the given people have started and completed each course or lesson: counts only, no
 * names, every reference in one query. The caller (another capability's service) has already
 * decided that its actor may see aggregates over these people.
 */
export async function trainingUptake(db: DbOrTx, userIds: string[], refs: TrainingRef[]): Promise<Map<string, TrainingUptake>> {
	const people = userIds.filter((id) => UUID.test(id));
	const unique = [...new Map(refs.map((r) => [trainingKey(r), r])).values()];
	if (!unique.length) return new Map();
	const ids = `{${people.join(',')}}`;
	const values = sql.join(
		unique.map((r) => {
			const [moduleKey, lessonKey] = r.lessonRef ? r.lessonRef.split('/') : [null, null];
			return sql`(${trainingKey(r)}::text, ${r.courseSlug}::text, ${moduleKey ?? null}::text, ${lessonKey ?? null}::text)`;
		}),
		sql`, `
	);
	const rows = await queryRows<{ ref: string; started: number; completed: number }>(
		db,
		sql`select t.ref,
			case when t.lesson_key is null
				then (select count(*)::int from enrolment e join course c on c.id = e.course_id where c.slug = t.slug and e.user_id = any(${ids}::uuid[]))
				else (select count(*)::int from lesson_progress p join lesson l on l.id = p.lesson_id join course_module cm on cm.id = l.module_id join course c on c.id = l.course_id
					where c.slug = t.slug and cm.key = t.module_key and l.key = t.lesson_key and p.user_id = any(${ids}::uuid[])) end as started,
			case when t.lesson_key is null
				then (select count(*)::int from enrolment e join course c on c.id = e.course_id where c.slug = t.slug and e.completed_at is not null and e.user_id = any(${ids}::uuid[]))
				else (select count(*)::int from lesson_progress p join lesson l on l.id = p.lesson_id join course_module cm on cm.id = l.module_id join course c on c.id = l.course_id
					where c.slug = t.slug and cm.key = t.module_key and l.key = t.lesson_key and p.completed_at is not null and p.user_id = any(${ids}::uuid[])) end as completed
		from (values ${values}) as t(ref, slug, module_key, lesson_key)`
	);
	return new Map(rows.map((r) => [r.ref, { started: Number(r.started), completed: Number(r.completed) }]));
}

import { eq, inArray, sql } from 'drizzle-orm';
import type { PersonalData } from '../../capability.ts';
import type { DbOrTx } from '../../db/client.ts';
import { activityResponse, certificate, cohort, cohortInvitation, courseCoverRevision, lessonRevision, cohortMember, course, enrolment, journalEntry, lesson, lessonProgress, moduleCompletion, courseModule } from '../../db/schema/learn.ts';
import { listStatements } from './xapi.ts';

/** Everything the learning side holds about one person, for their data export. */
export async function exportLearningData(db: DbOrTx, userId: string) {
	const enrolments = await db
		.select({ course: course.slug, enrolledAt: enrolment.enrolledAt, completedAt: enrolment.completedAt })
		.from(enrolment)
		.innerJoin(course, eq(course.id, enrolment.courseId))
		.where(eq(enrolment.userId, userId));
	const lessons = await db
		.select({ course: course.slug, lesson: lesson.key, viewedAt: lessonProgress.viewedAt, completedAt: lessonProgress.completedAt })
		.from(lessonProgress)
		.innerJoin(lesson, eq(lesson.id, lessonProgress.lessonId))
		.innerJoin(course, eq(course.id, lessonProgress.courseId))
		.where(eq(lessonProgress.userId, userId));
	const answers = await db
		.select({
			course: course.slug,
			lesson: lesson.key,
			activity: activityResponse.activityKey,
			answer: activityResponse.answer,
			draft: activityResponse.draft,
			score: activityResponse.score,
			bestScore: activityResponse.bestScore,
			passed: activityResponse.passed,
			attempts: activityResponse.attempts,
			submittedAt: activityResponse.submittedAt
		})
		.from(activityResponse)
		.innerJoin(lesson, eq(lesson.id, activityResponse.lessonId))
		.innerJoin(course, eq(course.id, activityResponse.courseId))
		.where(eq(activityResponse.userId, userId));
	const journal = await db
		.select({
			lesson: lesson.key,
			activity: journalEntry.activityKey,
			prompt: journalEntry.prompt,
			body: journalEntry.body,
			draft: journalEntry.draft,
			sharedWithFacilitators: journalEntry.sharedAt,
			createdAt: journalEntry.createdAt,
			updatedAt: journalEntry.updatedAt
		})
		.from(journalEntry)
		.leftJoin(lesson, eq(lesson.id, journalEntry.lessonId))
		.where(eq(journalEntry.userId, userId));
	const modules = await db
		.select({ course: course.slug, module: courseModule.key, hours: moduleCompletion.hours, completedAt: moduleCompletion.completedAt })
		.from(moduleCompletion)
		.innerJoin(courseModule, eq(courseModule.id, moduleCompletion.moduleId))
		.innerJoin(course, eq(course.id, moduleCompletion.courseId))
		.where(eq(moduleCompletion.userId, userId));
	const certificates = await db
		.select({ code: certificate.code, course: course.slug, holderName: certificate.holderName, hours: certificate.hours, issuedAt: certificate.issuedAt })
		.from(certificate)
		.innerJoin(course, eq(course.id, certificate.courseId))
		.where(eq(certificate.userId, userId));
	const cohortsFacilitated = await db
		.select({ id: cohort.id, name: cohort.name, course: course.slug, joinCode: cohort.joinCode, createdAt: cohort.createdAt })
		.from(cohort)
		.innerJoin(course, eq(course.id, cohort.courseId))
		.where(eq(cohort.facilitatorId, userId));
	const cohortMemberships = await db
		.select({ id: cohort.id, name: cohort.name, joinedAt: cohortMember.joinedAt })
		.from(cohortMember)
		.innerJoin(cohort, eq(cohort.id, cohortMember.cohortId))
		.where(eq(cohortMember.userId, userId));
	return {
		enrolments,
		lessons,
		answers,
		journal,
		completedModules: modules,
		certificates,
		cohortsFacilitated,
		cohortMemberships,
		learningRecords: await listStatements(db, { userId })
	};
}

/**
 * The learning part of a person's data. Progress, answers, the journal and cohorts they run go
 * with the user row (ON DELETE CASCADE); cohort invitations to their addresses go here; lesson
 * and cover revisions they wrote stay with the course, by "deleted user".
 */
export const LEARN_DATA: readonly PersonalData[] = [
	{
		key: 'learning',
		export: exportLearningData,
		erase: async (tx, person) => {
			if (person.addresses.length) await tx.delete(cohortInvitation).where(inArray(sql`lower(${cohortInvitation.email})`, person.addresses.map((a) => a.toLowerCase())));
			await tx.update(lessonRevision).set({ editorId: null }).where(eq(lessonRevision.editorId, person.id));
			await tx.update(courseCoverRevision).set({ editorId: null }).where(eq(courseCoverRevision.editorId, person.id));
		}
	}
];

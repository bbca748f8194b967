import { isEditor } from './accounts.ts';
import { allow } from './allow.ts';

// Learning: who may take part in a course, who sees a cohort's progress, whose journal entries and
// certificates are whose, and who edits courses.

/** A course as the catalogue knows it. */
export type CourseAsListed = { status: string };
/** A course with the actor's enrolment in it (null or undefined: not enrolled). */
export type CourseAsLearner = { enrolment: { userId: string } | null | undefined };
/** A cohort, by who runs it. */
export type CohortRef = { facilitatorId: string };
/** A person's place in an organisation (role null: not a member). */
export type MemberOf = { userId: string; role: string | null };
/** An organisation's course progress as a leader would see it: their role and how many members share. */
export type TeamLearning = { role: string | null; sharing: number };
/** The fewest members sharing their progress for the leaders to see counts (no smaller group is shown). */
export const LEARNING_TEAM_MINIMUM = 3;
/** Something a learner owns: a journal entry, a certificate. */
export type LearnerOwned = { userId: string };

export const learnRules = {
	// Anyone signed in may enrol in a published course; drafts are for editors.
	...allow(['course:enrol'], (actor, course: CourseAsListed) => course.status === 'published' || isEditor(actor)),
	// Answering activities, saving drafts and being recorded as having viewed a lesson: enrolled learners.
	...allow(['course:progress'], (actor, course: CourseAsLearner) => course.enrolment?.userId === actor.id),
	...allow(['course:edit'], isEditor),
	// Facilitators run cohorts; a cohort shows them only the progress of people who joined it.
	...allow(['cohort:create'], (actor) => actor.role === 'facilitator' || actor.role === 'editor' || actor.role === 'admin'),
	...allow(['cohort:join'], () => true),
	...allow(['cohort:view_progress', 'cohort:invite'], (actor, cohort: CohortRef) => cohort.facilitatorId === actor.id),
	// A journal is private: only its writer edits an entry or shares it with their facilitators.
	...allow(['journal:edit', 'journal:share'], (actor, entry: LearnerOwned) => entry.userId === actor.id),
	// A member lets their organisation's leaders count their course progress; the leaders see counts
	// only, and only once enough members share.
	...allow(['learning:share'], (actor, m: MemberOf) => m.userId === actor.id && m.role !== null),
	...allow(['learning:team'], (_actor, t: TeamLearning) => (t.role === 'owner' || t.role === 'leader') && t.sharing >= LEARNING_TEAM_MINIMUM),
	// Anyone with the code may verify a certificate; its holder also gets the ways to share it.
	...allow(['certificate:share'], (actor, certificate: LearnerOwned) => certificate.userId === actor.id)
};

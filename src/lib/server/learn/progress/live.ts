import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { cohort, cohortMember } from '../../db/schema/learn.ts';
import { emit } from '../../events/index.ts';

/** The realtime channel of one cohort: its facilitator's progress page listens to it. */
export const cohortChannel = (cohortId: string): string => `cohort:${cohortId}`;

/** The event a cohort's progress page reloads on; it carries no data (the page reads it again). */
export const COHORT_PROGRESS = 'learn.cohort_progress';

/** Tells the progress pages of one cohort, after commit, that something changed. */
export async function cohortChanged(tx: DbOrTx, cohortId: string): Promise<void> {
	await emit(tx, { type: COHORT_PROGRESS, channel: cohortChannel(cohortId) });
}

/** Tells the progress pages of every cohort in which this learner takes this course. */
export async function learnerProgressed(tx: DbOrTx, userId: string, courseId: number): Promise<void> {
	const cohorts = await tx
		.select({ id: cohort.id })
		.from(cohortMember)
		.innerJoin(cohort, eq(cohort.id, cohortMember.cohortId))
		.where(and(eq(cohortMember.userId, userId), eq(cohort.courseId, courseId)));
	for (const c of cohorts) await cohortChanged(tx, c.id);
}

import { eq } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { qualityAction, qualityAnswer, qualityBenchmarkOptIn, qualityRater, qualityRound } from '../db/schema/quality.ts';

/**
 * A person's ratings (their own answers in each round) and the plan actions they own. Erasing the
 * account keeps the answers as an anonymous rater's (the rater row's user id goes to null with the
 * user row) so the organisation's closed rounds keep their figures; the rounds they opened forget
 * who opened them (and the benchmark choices they made, who made them), and their actions lose their owner.
 */
export const QUALITY_DATA: readonly PersonalData[] = [
	{
		key: 'quality',
		export: async (db, userId) => {
			const answers = await db
				.select({
					round: qualityRound.title,
					roundId: qualityRound.id,
					indicator: qualityAnswer.indicatorKey,
					value: qualityAnswer.value,
					evidence: qualityAnswer.evidence,
					comment: qualityAnswer.comment,
					updatedAt: qualityAnswer.updatedAt
				})
				.from(qualityAnswer)
				.innerJoin(qualityRater, eq(qualityRater.id, qualityAnswer.raterId))
				.innerJoin(qualityRound, eq(qualityRound.id, qualityRater.roundId))
				.where(eq(qualityRater.userId, userId));
			const actions = await db
				.select({ title: qualityAction.title, goal: qualityAction.goal, status: qualityAction.status, deadline: qualityAction.deadline, notes: qualityAction.notes })
				.from(qualityAction)
				.where(eq(qualityAction.ownerId, userId));
			return { answers, actions };
		},
		erase: async (tx, person) => {
			await tx.update(qualityRound).set({ createdBy: null }).where(eq(qualityRound.createdBy, person.id));
			await tx.update(qualityBenchmarkOptIn).set({ optedInBy: null }).where(eq(qualityBenchmarkOptIn.optedInBy, person.id));
		}
	}
];

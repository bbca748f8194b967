import { and, eq, isNull } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { practice, practiceBenchmark, practiceBenchmarkElement, practiceRevision, practiceTarget, practiceTargetStatus } from '../db/schema/practices.ts';

/**
 * The practices a person created, whoever owns them now. Erasing the account removes the practices
 * the person owned alone (drafts and published records alike: nobody else can answer for them);
 * an organisation's practices stay the organisation's and forget who created them (`owner_id`
 * goes to null with the user row), and revisions forget who saved them.
 */
export const PRACTICE_DATA: readonly PersonalData[] = [
	{
		key: 'practices',
		export: async (db, userId) =>
			db
				.select({
					id: practice.id,
					title: practice.title,
					summary: practice.summary,
					status: practice.status,
					organisationId: practice.organisationId,
					country: practice.country,
					fields: practice.fields,
					createdAt: practice.createdAt,
					updatedAt: practice.updatedAt
				})
				.from(practice)
				.where(eq(practice.ownerId, userId)),
		erase: async (tx, person) => {
			await tx.delete(practice).where(and(eq(practice.ownerId, person.id), isNull(practice.organisationId)));
			await tx.update(practiceRevision).set({ editorId: null }).where(eq(practiceRevision.editorId, person.id));
		}
	},
	/**
	 * The self-benchmark's targets the person owns and the status changes and ticks they recorded.
	 * The benchmark is the organisation's and stays: the targets lose their owner (`owner_id` goes
	 * to null with the user row), the history and ticks forget who wrote them.
	 */
	{
		key: 'practiceBenchmarks',
		export: async (db, userId) => ({
			targetsOwned: await db
				.select({ id: practiceTarget.id, organisationId: practiceBenchmark.organisationId, title: practiceTarget.title, dueOn: practiceTarget.dueOn, status: practiceTarget.status, createdAt: practiceTarget.createdAt })
				.from(practiceTarget)
				.innerJoin(practiceBenchmark, eq(practiceBenchmark.id, practiceTarget.benchmarkId))
				.where(eq(practiceTarget.ownerId, userId)),
			statusChanges: await db
				.select({ targetId: practiceTargetStatus.targetId, status: practiceTargetStatus.status, note: practiceTargetStatus.note, changedAt: practiceTargetStatus.changedAt })
				.from(practiceTargetStatus)
				.where(eq(practiceTargetStatus.changedBy, userId)),
			elementsTicked: await db
				.select({ organisationId: practiceBenchmark.organisationId, elementKey: practiceBenchmarkElement.elementKey, met: practiceBenchmarkElement.met, evidence: practiceBenchmarkElement.evidence, updatedAt: practiceBenchmarkElement.updatedAt })
				.from(practiceBenchmarkElement)
				.innerJoin(practiceBenchmark, eq(practiceBenchmark.id, practiceBenchmarkElement.benchmarkId))
				.where(eq(practiceBenchmarkElement.updatedBy, userId))
		}),
		erase: async (tx, person) => {
			await tx.update(practiceTargetStatus).set({ changedBy: null }).where(eq(practiceTargetStatus.changedBy, person.id));
			await tx.update(practiceBenchmarkElement).set({ updatedBy: null }).where(eq(practiceBenchmarkElement.updatedBy, person.id));
		}
	}
];

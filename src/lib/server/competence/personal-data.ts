import { asc, eq, inArray } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import type { DbOrTx } from '../db/client.ts';
import { competenceAnswer, competenceAreaState, competenceAssessment, competenceShare } from '../db/schema/competence.ts';
import { frameworkVersion } from '../db/schema/frameworks.ts';

/** A person's self-assessments with every answer, note and share, for their data export. */
export async function exportCompetenceData(db: DbOrTx, userId: string) {
	const assessments = await db
		.select({ id: competenceAssessment.id, version: frameworkVersion.version, startedAt: competenceAssessment.startedAt, completedAt: competenceAssessment.completedAt })
		.from(competenceAssessment)
		.innerJoin(frameworkVersion, eq(frameworkVersion.id, competenceAssessment.frameworkVersionId))
		.where(eq(competenceAssessment.userId, userId))
		.orderBy(asc(competenceAssessment.startedAt));
	const ids = assessments.map((a) => a.id);
	if (!ids.length) return { assessments: [], shares: [] };
	const [answers, areas, shares] = await Promise.all([
		db.select().from(competenceAnswer).where(inArray(competenceAnswer.assessmentId, ids)),
		db.select().from(competenceAreaState).where(inArray(competenceAreaState.assessmentId, ids)),
		db.select().from(competenceShare).where(eq(competenceShare.userId, userId))
	]);
	return {
		assessments: assessments.map((a) => ({
			...a,
			areas: areas.filter((s) => s.assessmentId === a.id).map(({ assessmentId: _a, ...s }) => s),
			answers: answers.filter((s) => s.assessmentId === a.id).map(({ assessmentId: _a, ...s }) => s)
		})),
		shares: shares.map((s) => ({ assessment: s.assessmentId, organisation: s.organisationId, sharedAt: s.sharedAt, revokedAt: s.revokedAt }))
	};
}

export const COMPETENCE_DATA: readonly PersonalData[] = [
	{
		key: 'competence',
		export: exportCompetenceData,
		// Assessments, answers, notes and shares hang off the user row (ON DELETE CASCADE); deleted
		// here explicitly too, so the erase does not depend on the order of the cascade.
		erase: async (tx, person) => {
			await tx.delete(competenceShare).where(eq(competenceShare.userId, person.id));
			await tx.delete(competenceAssessment).where(eq(competenceAssessment.userId, person.id));
		}
	}
];

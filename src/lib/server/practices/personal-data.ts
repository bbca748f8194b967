import { and, eq, isNull } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { practice, practiceRevision } from '../db/schema/practices.ts';

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
	}
];

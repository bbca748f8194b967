import { desc, eq } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { glossaryRevision } from '../db/schema/glossary.ts';

/**
 * The glossary wording a person edited. The revisions stay with the shared content when the
 * account goes, by "deleted user".
 */
export const GLOSSARY_DATA: readonly PersonalData[] = [
	{
		key: 'glossaryRevisions',
		export: (db, userId) =>
			db
				.select({ at: glossaryRevision.createdAt, locale: glossaryRevision.locale, term: glossaryRevision.term })
				.from(glossaryRevision)
				.where(eq(glossaryRevision.editorId, userId))
				.orderBy(desc(glossaryRevision.createdAt)),
		erase: async (tx, person) => {
			await tx.update(glossaryRevision).set({ editorId: null }).where(eq(glossaryRevision.editorId, person.id));
		}
	}
];

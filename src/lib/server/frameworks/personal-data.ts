import { desc, eq } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { frameworkNodeRevision } from '../db/schema/frameworks.ts';

/**
 * The framework wording a person edited. The revisions stay with the shared content when the
 * account goes, by "deleted user".
 */
export const FRAMEWORK_DATA: readonly PersonalData[] = [
	{
		key: 'contentRevisions',
		export: (db, userId) =>
			db
				.select({ at: frameworkNodeRevision.createdAt, locale: frameworkNodeRevision.locale, title: frameworkNodeRevision.title })
				.from(frameworkNodeRevision)
				.where(eq(frameworkNodeRevision.editorId, userId))
				.orderBy(desc(frameworkNodeRevision.createdAt)),
		erase: async (tx, person) => {
			await tx.update(frameworkNodeRevision).set({ editorId: null }).where(eq(frameworkNodeRevision.editorId, person.id));
		}
	}
];

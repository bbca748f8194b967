import { and, desc, eq, ne } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { glossaryProposal, glossaryRevision } from '../db/schema/glossary.ts';

/**
 * The glossary wording a person edited, and the terms they proposed. The revisions stay with the
 * shared content when the account goes, by "deleted user".
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
	},
	{
		// Proposed terms: on deletion, what was not accepted goes; an accepted term stays, without its author.
		key: 'glossaryProposals',
		export: (db, userId) =>
			db
				.select({
					at: glossaryProposal.createdAt,
					locale: glossaryProposal.locale,
					term: glossaryProposal.term,
					definition: glossaryProposal.definition,
					source: glossaryProposal.source,
					link: glossaryProposal.link,
					status: glossaryProposal.status,
					reason: glossaryProposal.reason
				})
				.from(glossaryProposal)
				.where(eq(glossaryProposal.authorId, userId))
				.orderBy(desc(glossaryProposal.createdAt)),
		erase: async (tx, person) => {
			await tx.delete(glossaryProposal).where(and(eq(glossaryProposal.authorId, person.id), ne(glossaryProposal.status, 'accepted')));
			await tx.update(glossaryProposal).set({ authorId: null }).where(eq(glossaryProposal.authorId, person.id));
			await tx.update(glossaryProposal).set({ decidedBy: null }).where(eq(glossaryProposal.decidedBy, person.id));
		}
	}
];

import { desc, eq } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { card, cardReflection } from '../db/schema/cards.ts';

/**
 * A person's reflections on ethics cards (their notes per step of the reflection model). They go
 * with the account: the rows are deleted here, and by ON DELETE CASCADE with the user row.
 */
export const CARD_DATA: readonly PersonalData[] = [
	{
		key: 'cardReflections',
		export: (db, userId) =>
			db
				.select({ card: card.slug, answers: cardReflection.answers, createdAt: cardReflection.createdAt, updatedAt: cardReflection.updatedAt })
				.from(cardReflection)
				.innerJoin(card, eq(card.id, cardReflection.cardId))
				.where(eq(cardReflection.userId, userId))
				.orderBy(desc(cardReflection.updatedAt)),
		erase: async (tx, person) => {
			await tx.delete(cardReflection).where(eq(cardReflection.userId, person.id));
		}
	}
];

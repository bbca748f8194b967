import { desc, eq, inArray } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { card, cardReflection, cardSession, cardSessionAnswer, cardSessionParticipant } from '../db/schema/cards.ts';

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
	},
	{
		// Live sessions the person facilitated (their answers go with them: the session is theirs).
		key: 'cardLiveSessions',
		export: (db, userId) =>
			db
				.select({ id: cardSession.id, joinCode: cardSession.joinCode, state: cardSession.state, cards: cardSession.cardIds, createdAt: cardSession.createdAt, endedAt: cardSession.endedAt })
				.from(cardSession)
				.where(eq(cardSession.facilitatorId, userId))
				.orderBy(desc(cardSession.createdAt)),
		erase: async (tx, person) => {
			await tx.delete(cardSession).where(eq(cardSession.facilitatorId, person.id));
		}
	},
	{
		// Answers given in live sessions while signed in (anonymous participants are no account's).
		key: 'cardLiveAnswers',
		export: (db, userId) =>
			db
				.select({ session: cardSessionAnswer.sessionId, card: card.slug, question: cardSessionAnswer.questionIndex, answer: cardSessionAnswer.value, createdAt: cardSessionAnswer.createdAt })
				.from(cardSessionAnswer)
				.innerJoin(cardSessionParticipant, eq(cardSessionParticipant.id, cardSessionAnswer.participantId))
				.innerJoin(card, eq(card.id, cardSessionAnswer.cardId))
				.where(eq(cardSessionParticipant.userId, userId))
				.orderBy(desc(cardSessionAnswer.createdAt)),
		erase: async (tx, person) => {
			const mine = tx.select({ id: cardSessionParticipant.id }).from(cardSessionParticipant).where(eq(cardSessionParticipant.userId, person.id));
			await tx.delete(cardSessionParticipant).where(inArray(cardSessionParticipant.id, mine));
		}
	}
];

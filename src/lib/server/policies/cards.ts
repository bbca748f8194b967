import { allow } from './allow.ts';

// Ethics cards: the cards themselves are public; a reflection on a card is its writer's alone.

/** A reflection on a card, by whose it is. */
export type ReflectionOwned = { userId: string };

export const cardRules = {
	// Anyone signed in may walk the reflection model on a card (their notes are private).
	...allow(['card:reflect'], () => true),
	// Only the writer reads, changes or deletes their reflection.
	...allow(['card-reflection:edit'], (actor, reflection: ReflectionOwned) => reflection.userId === actor.id)
};

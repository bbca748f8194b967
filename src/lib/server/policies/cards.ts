import { allow } from './allow.ts';

// Ethics cards: the cards themselves are public; a reflection on a card is its writer's alone.

/** A reflection on a card, by whose it is. */
export type ReflectionOwned = { userId: string };

/** A live card session, by who runs it. */
export type LiveSessionOwned = { facilitatorId: string };

export const cardRules = {
	// Anyone signed in may walk the reflection model on a card (their notes are private).
	...allow(['card:reflect'], () => true),
	// Only the writer reads, changes or deletes their reflection.
	...allow(['card-reflection:edit'], (actor, reflection: ReflectionOwned) => reflection.userId === actor.id),
	// Any verified user may facilitate a live session (participants need no account at all).
	...allow(['card-session:create'], (actor) => actor.emailVerified),
	// Only its facilitator runs, watches and exports a session.
	...allow(['card-session:run'], (actor, session: LiveSessionOwned) => session.facilitatorId === actor.id)
};

// The vocabulary the rule files are written in, after Outline's `allow(User, ['update'], Comment,
// (user, comment) => …)`: a rule names the actions it grants and says, for a signed-in actor and
// the resource in question, whether they hold. Nobody who is signed out is granted anything, so a
// rule never has to think about a missing actor.

/** Who is asking: the signed-in user with what their session has proven, or nobody. */
export type Actor = {
	id: string;
	role: string;
	emailVerified: boolean;
	totpEnabled: boolean;
	secondFactorVerified: boolean;
} | null;

/** An actor who is signed in: what every rule is given. */
export type SignedIn = NonNullable<Actor>;

/** One rule: whether the actor may do the action to the resource (`undefined` for actions without one). */
export type Rule<R> = (actor: SignedIn, resource: R) => boolean;

/**
 * Grants `actions` when `rule` holds. Spread the results into a rule file's table; the resource's
 * type comes from the rule's second parameter (none: the action needs no resource).
 */
export function allow<const A extends string, R = undefined>(actions: readonly A[], rule: Rule<R>): { readonly [K in A]: Rule<R> } {
	return Object.fromEntries(actions.map((action) => [action, rule])) as { [K in A]: Rule<R> };
}

// Editors and admins hold rights over other people's data and the shared content: they must
// have a second factor and have used it in this session before those rights apply.
export function strongly(actor: SignedIn): boolean {
	return actor.totpEnabled && actor.secondFactorVerified;
}

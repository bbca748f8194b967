import { ROLES } from '../../accounts/options.ts';

/** Who is asking: the signed-in user with what their session has proven, or nobody. */
export type Actor = {
	id: string;
	role: string;
	emailVerified: boolean;
	totpEnabled: boolean;
	secondFactorVerified: boolean;
} | null;

export { ROLES };
export type Role = (typeof ROLES)[number];

export type Action =
	| 'account:use'
	| 'admin:area'
	| 'admin:users'
	| 'admin:outbox'
	| 'admin:audit'
	| 'content:edit';

// Editors and admins hold rights over other people's data and the shared content: they must
// have a second factor and have used it in this session before those rights apply.
function strongly(actor: NonNullable<Actor>): boolean {
	return actor.totpEnabled && actor.secondFactorVerified;
}

/**
 * The one place that decides what an actor may do. Every action and endpoint asks it;
 * a layout's load protects nothing by itself.
 */
export function can(actor: Actor, action: Action): boolean {
	if (!actor) return false;
	switch (action) {
		case 'account:use':
			return true;
		case 'content:edit':
			return (actor.role === 'editor' || actor.role === 'admin') && strongly(actor);
		case 'admin:area':
		case 'admin:users':
		case 'admin:outbox':
		case 'admin:audit':
			return actor.role === 'admin' && strongly(actor);
	}
}

/** True when the role would give rights that wait for a second factor, so the UI can say so. */
export function needsSecondFactor(actor: Actor): boolean {
	return !!actor && (actor.role === 'editor' || actor.role === 'admin') && !strongly(actor);
}

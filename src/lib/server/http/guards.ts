import { error } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { can, needsSecondFactor, type Action, type Ask } from '../policies/index.ts';
import { actorOf } from './context.ts';

/** The signed-in session as hooks.server.ts put it in `locals`. */
type CurrentSession = NonNullable<App.Locals['session']>;

/** The signed-in session, or a 403 that asks the visitor to sign in (and reveals nothing else). */
export function requireSession(locals: App.Locals): CurrentSession {
	if (!locals.session) error(403, m.signin_required());
	return locals.session;
}

/**
 * Enforces the policy for an action. Someone without the right sees a 404, as if the page did not
 * exist; an editor or admin who has not yet done two-step sign-in is told what to do.
 */
export function requireCan<A extends Action>(locals: App.Locals, action: A, ...resource: Ask<A>): CurrentSession {
	const session = requireSession(locals);
	const actor = actorOf(locals);
	if (can(actor, action, ...resource)) return session;
	if (needsSecondFactor(actor)) error(403, m.admin_needs_second_factor());
	error(404, m.error_not_found_title());
}

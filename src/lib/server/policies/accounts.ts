import { ROLES } from '../../accounts/options.ts';
import { allow, strongly, type SignedIn } from './allow.ts';

// Platform-wide rights: using one's account, the admin area and editing the shared content.

export { ROLES };
export type Role = (typeof ROLES)[number];

/** An admin who has used their second factor in this session. */
export const isAdmin = (actor: SignedIn) => actor.role === 'admin' && strongly(actor);
/** An editor (or admin) who has used their second factor in this session. */
export const isEditor = (actor: SignedIn) => (actor.role === 'editor' || actor.role === 'admin') && strongly(actor);

/** Someone's own account data: the actor must be its owner. */
export type OwnAccount = { userId: string };
/** Another person's account, as an admin acts on it. */
export type ManagedAccount = { id: string };

export const accountRules = {
	...allow(['account:use'], () => true),
	...allow(['account:edit', 'account:view'], (actor, account: OwnAccount) => account.userId === actor.id),
	...allow(['admin:area', 'admin:users', 'admin:outbox', 'admin:audit', 'admin:learning-records'], isAdmin),
	// An admin changes other people's accounts; their own role and access are not theirs to change.
	...allow(['admin:manage_user'], (actor, target: ManagedAccount) => isAdmin(actor) && target.id !== actor.id),
	...allow(['content:edit'], isEditor),
	// The way into the admin area and the editor is shown by role; inside, the rights above wait
	// for the second factor (and say so).
	...allow(['admin:enter'], (actor) => actor.role === 'admin'),
	...allow(['content:enter'], (actor) => actor.role === 'editor' || actor.role === 'admin')
};

/** True when the role would give rights that wait for a second factor, so the UI can say so. */
export function roleWaitsForSecondFactor(actor: SignedIn): boolean {
	return (actor.role === 'editor' || actor.role === 'admin') && !strongly(actor);
}

import { allow } from './allow.ts';
import type { OrganisationAsSeen } from './organisations.ts';

// The self-benchmark of the practice inventory. It belongs to an organisation: its members see it,
// its leaders (owners and leaders) choose the themes, tick the good-policy elements, set targets
// and decide whether to publish it; a target's owner (any member) keeps its status up to date.
// A published benchmark is public: the service lets visitors read it without asking here, since
// nobody signed out is granted anything.

/** A target as the actor stands in its organisation. */
export type TargetAsSeen = OrganisationAsSeen & { ownerId: string | null };

const member = (o: OrganisationAsSeen) => o.role === 'owner' || o.role === 'leader' || o.role === 'member';
const leads = (o: OrganisationAsSeen) => o.role === 'owner' || o.role === 'leader';

export const benchmarkRules = {
	...allow(['benchmark:view'], (_actor, o: OrganisationAsSeen) => member(o)),
	...allow(['benchmark:edit', 'benchmark:publish'], (_actor, o: OrganisationAsSeen) => leads(o)),
	// Leaders track every target; a member tracks the targets they own.
	...allow(['benchmark:track'], (actor, t: TargetAsSeen) => leads(t) || (member(t) && t.ownerId === actor.id))
};

import { allow } from './allow.ts';
import type { OrganisationAsSeen } from './organisations.ts';

// Our quality. A round belongs to its organisation: its leaders (owners and leaders) run it, its
// members see it and, after it closes, its results and plan. A rater answers only as themselves,
// only while the round is open, and sees only their own answers until it closes. An external
// rater has no account: their link is checked by the service (possession of the token), not here.

/** A round as the actor stands in its organisation. */
export type RoundAsSeen = OrganisationAsSeen & { status: string; liveResults?: boolean };
/** The actor's own rater row in a round (null: not asked to rate). */
export type RatingAsSeen = { status: string; raterUserId: string | null };

const member = (o: OrganisationAsSeen) => o.role === 'owner' || o.role === 'leader' || o.role === 'member';
const leads = (o: OrganisationAsSeen) => o.role === 'owner' || o.role === 'leader';

export const qualityRules = {
	...allow(['quality:view'], (_actor, o: OrganisationAsSeen) => member(o)),
	...allow(['quality:lead'], (_actor, o: OrganisationAsSeen) => leads(o)),
	// Whether the organisation contributes to the sector benchmark: its leaders decide.
	...allow(['quality:benchmark'], (_actor, o: OrganisationAsSeen) => leads(o)),
	// Results are for the organisation's members once the round has closed; while it is open, only
	// for its leaders, and only when the round was opened with live results.
	...allow(['quality:results'], (_actor, r: RoundAsSeen) => (member(r) && r.status === 'closed') || (leads(r) && r.status === 'open' && r.liveResults === true)),
	// Only the rater, only while the round is open.
	...allow(['quality:answer'], (actor, r: RatingAsSeen) => r.raterUserId === actor.id && r.status === 'open')
};

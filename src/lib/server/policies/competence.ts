import { allow } from './allow.ts';
import type { OrganisationRole } from './organisations.ts';

// My competence and My CPD: a self-assessment and a CPD log are private to their owner. A leader
// (or owner) of an organisation sees an assessment only while its owner shares it with that
// organisation, and a team overview only when at least TEAM_MINIMUM members share one.

/** The fewest shared assessments a team overview may be built from (fewer would expose individuals). */
export const TEAM_MINIMUM = 5;

/** Something a person owns: an assessment, a CPD entry. */
export type PersonOwned = { userId: string };
/** A shared assessment as a leader would see it: their role where it is shared, and the share. */
export type SharedAssessment = { role: OrganisationRole | null; share: { revokedAt: Date | null } | null | undefined };
/** A team as its leader would see it: their role, and how many members share an assessment with it. */
export type TeamOverview = { role: OrganisationRole | null; shares: number };
/** Sharing one's own assessment with an organisation: the owner, and their role there (null: not a member). */
export type ShareTarget = PersonOwned & { role: OrganisationRole | null };

const leads = (role: OrganisationRole | null) => role === 'owner' || role === 'leader';

export const competenceRules = {
	// One's own assessments and CPD log: only their owner reads or changes them (an admin neither).
	...allow(['competence:view', 'competence:edit'], (actor, a: PersonOwned) => a.userId === actor.id),
	...allow(['cpd:view', 'cpd:edit'], (actor, e: PersonOwned) => e.userId === actor.id),
	// Evidence files of a CPD entry (certificates): read, added and removed by the entry's owner only.
	...allow(['cpd:evidence'], (actor, e: PersonOwned) => e.userId === actor.id),
	// Sharing needs the owner, and that they belong to the organisation they share with.
	...allow(['competence:share'], (actor, s: ShareTarget) => s.userId === actor.id && s.role !== null),
	// A leader sees a shared assessment while the share stands.
	...allow(['competence:view_shared'], (_actor, s: SharedAssessment) => leads(s.role) && !!s.share && s.share.revokedAt === null),
	// A team overview (median and spread per area, no individual answers) from five shares up.
	...allow(['competence:team'], (_actor, t: TeamOverview) => leads(t.role) && t.shares >= TEAM_MINIMUM)
};

import { accountRules, roleWaitsForSecondFactor } from './accounts.ts';
import { benchmarkRules } from './benchmarks.ts';
import type { Actor } from './allow.ts';
import { cardRules } from './cards.ts';
import { competenceRules } from './competence.ts';
import { learnRules } from './learn.ts';
import { organisationRules } from './organisations.ts';
import { qualityRules } from './quality.ts';
import { communityRules } from './community.ts';
import { practiceRules } from './practices.ts';
import { resourceRules } from './resources.ts';
import { glossaryRules } from './glossary.ts';

// The one place that decides what an actor may do: one table of rules, one rule file per
// capability. Every service asks it on its first lines and routes ask it only through
// `requireCan` (http/guards.ts); a layout's load protects nothing by itself. A new capability adds
// its rule file here.

export type { Actor, SignedIn } from './allow.ts';
export { ROLES, type Role, type OwnAccount, type ManagedAccount } from './accounts.ts';
export {
	INVITABLE_ROLES,
	ORGANISATION_ROLES,
	isOrganisationRole,
	type InvitableRole,
	type InvitationToSend,
	type MemberInOrganisation,
	type OrganisationAsSeen,
	type OrganisationRole
} from './organisations.ts';
export type { LiveSessionOwned, ReflectionOwned } from './cards.ts';
export { LEARNING_TEAM_MINIMUM, type CohortRef, type CourseAsLearner, type CourseAsListed, type LearnerOwned, type MemberOf, type TeamLearning } from './learn.ts';
export { TEAM_MINIMUM, type PersonOwned, type SharedAssessment, type ShareTarget, type TeamOverview } from './competence.ts';
export type { RatingAsSeen, RoundAsSeen } from './quality.ts';
export type { SpaceAsSeen, WrittenInSpace } from './community.ts';

export type { PracticeAsSeen } from './practices.ts';
export type { TargetAsSeen } from './benchmarks.ts';
export type { PlanAsSeen, PlanShare, ResourceAsSeen } from './resources.ts';
const RULES = { ...accountRules, ...organisationRules, ...learnRules, ...cardRules, ...competenceRules, ...qualityRules, ...communityRules, ...practiceRules, ...benchmarkRules, ...resourceRules, ...glossaryRules };

type Rules = typeof RULES;
export type Action = keyof Rules;
/** What an action is about: its rule's resource (`undefined` for actions without one). */
export type ResourceOf<A extends Action> = Parameters<Rules[A]>[1];
/** An action and its resource as a tuple, so that `can(actor, 'account:use')` needs none. */
export type Ask<A extends Action> = undefined extends ResourceOf<A> ? [resource?: ResourceOf<A>] : [resource: ResourceOf<A>];

/** Whether the actor may do the action (to the resource). Nobody signed out may do anything. */
export function can<A extends Action>(actor: Actor, action: A, ...[resource]: Ask<A>): boolean {
	if (!actor) return false;
	const rule = RULES[action] as (actor: NonNullable<Actor>, resource: ResourceOf<A> | undefined) => boolean;
	return rule(actor, resource);
}

/** The actions in the table, for tests that check every rule is exercised. */
export const ACTIONS = Object.keys(RULES) as Action[];

/** True when the role would give rights that wait for a second factor, so the UI can say so. */
export function needsSecondFactor(actor: Actor): boolean {
	return !!actor && roleWaitsForSecondFactor(actor);
}

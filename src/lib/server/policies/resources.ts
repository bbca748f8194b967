import { isEditor } from './accounts.ts';
import { allow } from './allow.ts';
import type { OrganisationRole } from './organisations.ts';

// The resource library. Published resources are public. A member proposes resources and sees
// their own proposals; editors (with their second factor) curate: they see drafts and publish or
// reject them. The shelf is each person's own. A session plan is its author's; shared with an
// organisation, that organisation's members may view it (not change it).

/** A resource as its status and author stand. */
export type ResourceAsSeen = { status: string; authorId: string | null };
/** A plan as the actor stands to it: its author, and the actor's role in the organisation it is shared with (null: none or not shared). */
export type PlanAsSeen = { userId: string; sharedRole: OrganisationRole | null };
/** Sharing a plan with an organisation: the author, and the author's role there. */
export type PlanShare = { userId: string; role: OrganisationRole | null };

export const resourceRules = {
	// A published resource is for everyone signed in (and the page is public); a draft is for its proposer and editors.
	...allow(['resource:view'], (actor, r: ResourceAsSeen) => r.status === 'published' || r.authorId === actor.id || isEditor(actor)),
	...allow(['resource:propose', 'resource:favourite', 'resource-plan:create'], () => true),
	// The editors' queue: publish or reject proposals; edit any resource's text and files.
	...allow(['resource:curate'], isEditor),
	// Files (media, captions, transcript, downloads): editors on any resource, a proposer on their own draft.
	...allow(['resource:attach'], (actor, r: ResourceAsSeen) => isEditor(actor) || (r.status === 'draft' && r.authorId === actor.id)),
	...allow(['resource-plan:edit'], (actor, p: PlanAsSeen) => p.userId === actor.id),
	...allow(['resource-plan:view'], (actor, p: PlanAsSeen) => p.userId === actor.id || p.sharedRole !== null),
	// Only the author shares, and only with an organisation they belong to.
	...allow(['resource-plan:share'], (actor, s: PlanShare) => s.userId === actor.id && s.role !== null)
};

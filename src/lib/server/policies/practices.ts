import { isEditor } from './accounts.ts';
import { allow, type SignedIn } from './allow.ts';
import { isOrganisationRole, type OrganisationRole } from './organisations.ts';

// The practice inventory. A practice belongs to an organisation (whose members co-edit it) or to
// the person who created it; shipped examples belong to nobody and are the editors'. Drafts are
// their owners' alone (anyone else: 404); a submitted practice waits for an editor, who sends it
// back with a comment or publishes it; a published one is public (the service lets visitors read
// it without asking here, since nobody signed out is granted anything).

/** A practice as the actor stands to it. */
export type PracticeAsSeen = {
	status: string;
	ownerId: string | null;
	/** Whether it belongs to an organisation (else to its owner, or, with no owner, to the editors). */
	organisationOwned: boolean;
	/** The actor's role in the owning organisation (null: not a member, or no organisation). */
	role: OrganisationRole | null;
};

/** The owner's side: the owning organisation's members, or the owning person. */
const owns = (actor: SignedIn, p: PracticeAsSeen) => (p.organisationOwned ? isOrganisationRole(p.role) : p.ownerId === actor.id);
/** A shipped example (or an orphan whose owners are gone): the editors look after it. */
const unowned = (p: PracticeAsSeen) => !p.organisationOwned && p.ownerId === null;
/** An editor may see and change what has left its owners' hands, and what nobody owns. */
const edits = (actor: SignedIn, p: PracticeAsSeen) => isEditor(actor) && (p.status !== 'draft' || unowned(p));

export const practiceRules = {
	...allow(['practice:create'], () => true),
	...allow(['practice:view'], (actor, p: PracticeAsSeen) => p.status === 'published' || owns(actor, p) || edits(actor, p)),
	// Owners change their draft or their published record (each such save is kept as a revision),
	// not while it waits for review; editors change what has left the owners' hands.
	...allow(['practice:edit'], (actor, p: PracticeAsSeen) => (owns(actor, p) && p.status !== 'submitted') || edits(actor, p)),
	...allow(['practice:submit'], (actor, p: PracticeAsSeen) => owns(actor, p) && p.status === 'draft'),
	...allow(['practice:review'], (actor, p: PracticeAsSeen) => isEditor(actor) && p.status === 'submitted'),
	...allow(['practice:delete'], (actor, p: PracticeAsSeen) => (owns(actor, p) && p.status === 'draft') || edits(actor, p)),
	...allow(['practice:queue'], (actor) => isEditor(actor)),
	// Editors import practices from CSV (each row checked like a form; updates only of what they may edit).
	...allow(['practice:import'], (actor) => isEditor(actor))
};

import { isEditor } from './accounts.ts';
import { allow, type SignedIn } from './allow.ts';

// Community of practice. A public space is open to everyone signed in (visitors read it through the
// service, which lets anyone read a public space and asks these rules for everything else); an
// organisation's or a cohort's space only to its members. A space's moderators are the
// organisation's owners and leaders or the cohort's facilitator; the site's editors and admins
// (with their second factor) moderate the public spaces. Authors edit their own words; deleting
// is for the author and the moderators; a helpful answer is chosen by the thread's author or a
// moderator.

/** A space as the actor stands in it. */
export type SpaceAsSeen = { kind: string; member: boolean; moderator: boolean };
/** Something written in a space (a thread or a reply), with its author (null: deleted member). */
export type WrittenInSpace = { space: SpaceAsSeen; authorId: string | null; locked?: boolean };

const reads = (s: SpaceAsSeen) => s.kind === 'public' || s.member || s.moderator;
const moderates = (actor: SignedIn, s: SpaceAsSeen) => reads(s) && (s.moderator || (s.kind === 'public' && isEditor(actor)));

export const communityRules = {
	...allow(['community:read'], (_actor, s: SpaceAsSeen) => reads(s)),
	// Writing needs a confirmed address: a throwaway sign-up cannot post.
	...allow(['community:post'], (actor, s: SpaceAsSeen) => reads(s) && actor.emailVerified),
	...allow(['community:moderate'], (actor, s: SpaceAsSeen) => moderates(actor, s)),
	// A locked thread takes no more replies, except from its moderators.
	...allow(['community:reply'], (actor, t: WrittenInSpace) => reads(t.space) && actor.emailVerified && (!t.locked || moderates(actor, t.space))),
	...allow(['community:edit'], (actor, w: WrittenInSpace) => reads(w.space) && w.authorId === actor.id),
	...allow(['community:delete'], (actor, w: WrittenInSpace) => reads(w.space) && (w.authorId === actor.id || moderates(actor, w.space))),
	// Choosing the helpful answer: `w` is the thread.
	...allow(['community:helpful'], (actor, w: WrittenInSpace) => reads(w.space) && (w.authorId === actor.id || moderates(actor, w.space))),
	...allow(['community:flag'], (actor, w: WrittenInSpace) => reads(w.space) && w.authorId !== actor.id),
	// Reacting to someone else's words (not one's own), in a space one reads.
	...allow(['community:react'], (actor, w: WrittenInSpace) => reads(w.space) && actor.emailVerified && w.authorId !== actor.id),
	// The site-wide review queue (flags and held posts of the public spaces).
	...allow(['community:queue'], (actor) => isEditor(actor))
};

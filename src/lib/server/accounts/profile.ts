import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { isUuid } from '../forms/index.ts';

export type Profile = {
	displayName: string;
	country: string;
	sector: string;
	languages: string[];
	bio: string;
	profileVisible: boolean;
	locale: string;
};

/** The areas the actor's account page offers a way into (the rights inside may still wait for a second factor). */
export function areasOffered(actor: Actor): { admin: boolean; editor: boolean } {
	return { admin: can(actor, 'admin:enter'), editor: can(actor, 'content:enter') };
}

/** The actor's own profile. */
export async function getProfile(db: DbOrTx, actor: Actor): Promise<Result<Profile>> {
	if (!actor || !can(actor, 'account:view', { userId: actor.id })) return problem('forbidden');
	const userId = actor.id;
	const [row] = await db
		.select({
			displayName: user.displayName,
			country: user.country,
			sector: user.sector,
			languages: user.languages,
			bio: user.bio,
			profileVisible: user.profileVisible,
			locale: user.locale
		})
		.from(user)
		.where(eq(user.id, userId));
	return row ? ok(row) : problem('not_found');
}

/** Saves the actor's own profile. Private unless they switch on `profileVisible`. */
export async function updateProfile(db: DbOrTx, actor: Actor, profile: Profile): Promise<Result> {
	if (!actor || !can(actor, 'account:edit', { userId: actor.id })) return problem('forbidden');
	const userId = actor.id;
	await db
		.update(user)
		.set({ ...profile, updatedAt: sql`now()` })
		.where(eq(user.id, userId));
	return ok();
}

/** Another member's profile, only if its owner made it visible (and the account is active). */
export async function getPublicProfile(db: DbOrTx, userId: string) {
	if (!isUuid(userId)) return undefined;
	const [row] = await db
		.select({ displayName: user.displayName, country: user.country, sector: user.sector, languages: user.languages, bio: user.bio })
		.from(user)
		.where(and(eq(user.id, userId), eq(user.profileVisible, true), isNull(user.disabledAt)));
	return row;
}

import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
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

/** The signed-in person's own profile. */
export async function getProfile(db: DbOrTx, userId: string): Promise<Profile | undefined> {
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
	return row;
}

/** Saves the person's own profile. Private unless they switch on `profileVisible`. */
export async function updateProfile(db: DbOrTx, userId: string, profile: Profile): Promise<void> {
	await db
		.update(user)
		.set({ ...profile, updatedAt: sql`now()` })
		.where(eq(user.id, userId));
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

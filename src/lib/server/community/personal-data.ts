import { and, asc, eq, isNull } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import { communityPost, communityPreference, communityReaction, communitySpace, communityThread, communityWatch } from '../db/schema/community.ts';

/**
 * What a person wrote in the community. On account deletion their threads and replies stay, shown
 * as by a "deleted member" (the author column is set to null by the foreign key), as the privacy
 * page says; watches, notices, drafts, reactions and mail settings go with the account (ON DELETE CASCADE).
 */
export const COMMUNITY_DATA: readonly PersonalData[] = [
	{
		key: 'communityThreads',
		export: (db, userId) =>
			db
				.select({ space: communitySpace.slug, id: communityThread.id, title: communityThread.title, body: communityThread.body, language: communityThread.language, createdAt: communityThread.createdAt, editedAt: communityThread.editedAt })
				.from(communityThread)
				.innerJoin(communitySpace, eq(communitySpace.id, communityThread.spaceId))
				.where(and(eq(communityThread.authorId, userId), isNull(communityThread.deletedAt)))
				.orderBy(asc(communityThread.createdAt))
	},
	{
		key: 'communityPosts',
		export: (db, userId) =>
			db
				.select({ thread: communityPost.threadId, id: communityPost.id, body: communityPost.body, createdAt: communityPost.createdAt, editedAt: communityPost.editedAt })
				.from(communityPost)
				.where(and(eq(communityPost.authorId, userId), isNull(communityPost.deletedAt)))
				.orderBy(asc(communityPost.createdAt))
	},
	{
		key: 'communitySettings',
		export: async (db, userId) => ({
			mail: (await db.select({ digest: communityPreference.digest, mentionMail: communityPreference.mentionMail, lastDigestAt: communityPreference.lastDigestAt }).from(communityPreference).where(eq(communityPreference.userId, userId)))[0] ?? { digest: 'weekly', mentionMail: false, lastDigestAt: null },
			reactions: await db.select({ thread: communityReaction.threadId, post: communityReaction.postId, reaction: communityReaction.reaction, createdAt: communityReaction.createdAt }).from(communityReaction).where(eq(communityReaction.userId, userId)),
			watching: await db.select({ thread: communityWatch.threadId, level: communityWatch.level }).from(communityWatch).where(eq(communityWatch.userId, userId))
		})
	}
];

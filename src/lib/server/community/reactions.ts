// Reactions: a small fixed set a reader may give to a thread's opening text or a reply (not their
// own), once each, and take back. The service function (`react`) is in threads.ts, beside the other
// things done to a post; these are its queries.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { communityReaction } from '../db/schema/community.ts';

export const REACTIONS = ['like', 'thanks', 'insightful', 'curious'] as const;
export type Reaction = (typeof REACTIONS)[number];
export type ReactionCount = { reaction: Reaction; count: number; mine: boolean };

/** The reactions in a thread, by post id ('' for the opening text), in the set's order, with whether the reader gave each. */
export async function reactionCounts(db: DbOrTx, threadId: string, readerId: string | null): Promise<Map<string, ReactionCount[]>> {
	const rows = await queryRows<{ post_id: string | null; reaction: Reaction; count: number; mine: boolean }>(
		db,
		sql`select post_id, reaction, count(*)::int as count, coalesce(bool_or(user_id = ${readerId}::uuid), false) as mine
			from community_reaction where thread_id = ${threadId} group by post_id, reaction`
	);
	const byPost = new Map<string, ReactionCount[]>();
	for (const row of rows) {
		const key = row.post_id ?? '';
		byPost.set(key, [...(byPost.get(key) ?? []), { reaction: row.reaction, count: row.count, mine: row.mine }]);
	}
	for (const list of byPost.values()) list.sort((a, b) => REACTIONS.indexOf(a.reaction) - REACTIONS.indexOf(b.reaction));
	return byPost;
}

/** Gives the reaction, or takes it back if it was given; whether it is now given. */
export async function toggleReaction(db: DbOrTx, userId: string, threadId: string, postId: string | null, reaction: Reaction): Promise<boolean> {
	return db.transaction(async (tx) => {
		const removed = await tx
			.delete(communityReaction)
			.where(and(eq(communityReaction.userId, userId), eq(communityReaction.threadId, threadId), postId ? eq(communityReaction.postId, postId) : isNull(communityReaction.postId), eq(communityReaction.reaction, reaction)))
			.returning({ userId: communityReaction.userId });
		if (removed.length > 0) return false;
		await tx.insert(communityReaction).values({ userId, threadId, postId, reaction }).onConflictDoNothing();
		return true;
	});
}

import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import type { DbOrTx } from '../db/client.ts';
import { reindexThread } from './threads.ts';
import { communityPost, communityPreference, communityReaction, communitySpace, communityThread, communityUpload, communityWatch } from '../db/schema/community.ts';
import { storedFile } from '../db/schema/files.ts';
import { uploadPath } from './markdown.ts';

/**
 * Removes the words of everything the person wrote in the community, as they chose on deletion: each
 * thread and reply becomes a deleted one (the placeholder keeps the discussions readable), with its
 * text, title and earlier versions gone, and out of search. Others' replies stay.
 */
async function removeWriting(tx: DbOrTx, userId: string): Promise<void> {
	// A content page's discussion keeps its thread (titled with the page, not their words) for the others' comments.
	const discussions = await tx
		.update(communityThread)
		.set({ body: '' })
		.where(and(eq(communityThread.authorId, userId), isNotNull(communityThread.subject)))
		.returning({ id: communityThread.id });
	const threads = await tx
		.update(communityThread)
		.set({ title: '', body: '', deletedAt: sql`coalesce(${communityThread.deletedAt}, now())` })
		.where(and(eq(communityThread.authorId, userId), isNull(communityThread.subject)))
		.returning({ id: communityThread.id });
	const posts = await tx
		.update(communityPost)
		.set({ body: '', helpful: false, deletedAt: sql`coalesce(${communityPost.deletedAt}, now())` })
		.where(eq(communityPost.authorId, userId))
		.returning({ threadId: communityPost.threadId });
	await tx.execute(sql`delete from community_revision r where (r.post_id is null and r.thread_id in (select id from community_thread where author_id = ${userId}))
		or r.post_id in (select id from community_post where author_id = ${userId})`);
	for (const id of new Set([...discussions.map((t) => t.id), ...threads.map((t) => t.id), ...posts.map((p) => p.threadId)])) await reindexThread(tx, id);
}

/**
 * What a person wrote in the community. On account deletion their threads and replies stay, shown
 * as by a "deleted member" (the author column is set to null by the foreign key), as the privacy
 * page says — or, if they chose so, lose their words (`removeWriting`) and images first; watches, notices, drafts, reactions and mail settings go with the account (ON DELETE CASCADE).
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
		erase: async (tx, person) => {
			if (person.writing === 'remove') await removeWriting(tx, person.id);
		},
		export: (db, userId) =>
			db
				.select({ thread: communityPost.threadId, id: communityPost.id, body: communityPost.body, createdAt: communityPost.createdAt, editedAt: communityPost.editedAt })
				.from(communityPost)
				.where(and(eq(communityPost.authorId, userId), isNull(communityPost.deletedAt)))
				.orderBy(asc(communityPost.createdAt))
	},
	{
		// The images they put in posts (each one's bytes at `download`). They stay with the discussion
		// on deletion unless the person chose to remove their writing: then they go too (the trigger
		// on community_upload takes the bytes).
		key: 'communityUploads',
		erase: async (tx, person) => {
			if (person.writing === 'remove') await tx.delete(communityUpload).where(eq(communityUpload.uploaderId, person.id));
		},
		export: async (db, userId) => {
			const rows = await db
				.select({ space: communitySpace.slug, id: communityUpload.fileId, alt: communityUpload.alt, name: storedFile.name, mime: storedFile.mime, size: storedFile.size, sha256: storedFile.sha256, createdAt: communityUpload.createdAt })
				.from(communityUpload)
				.innerJoin(storedFile, eq(storedFile.id, communityUpload.fileId))
				.innerJoin(communitySpace, eq(communitySpace.id, communityUpload.spaceId))
				.where(eq(communityUpload.uploaderId, userId))
				.orderBy(asc(communityUpload.createdAt));
			return rows.map((r) => ({ ...r, download: uploadPath(r.id) }));
		}
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

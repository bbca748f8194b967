// Moderation: members flag a thread or reply with a reason; moderators (the space's, or the site's
// editors for the public spaces) hide and restore, lock and unlock, and let held posts through.
// Every moderator action is audit-logged.
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { audit } from '../audit/index.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { communityFlag, communityPost, communitySpace, communitySuspension, communityThread } from '../db/schema/community.ts';
import { isUuid } from '../forms/index.ts';
import { can, type Actor, type WrittenInSpace } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { requestSearchIndex } from '../search/index.ts';
import { excerpt } from './markdown.ts';
import type { Space } from './spaces.ts';

export const FLAG_REASONS = ['spam', 'abusive', 'off_topic', 'personal_data', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_NOTE_MAX = 500;

export const COMMUNITY_AUDIT_EVENTS = ['community_hidden', 'community_restored', 'community_locked', 'community_unlocked', 'community_approved', 'community_moved', 'community_suspended', 'community_unsuspended'] as const;

/** The thread (and reply) a moderation action names, in this space. */
async function target(db: DbOrTx, space: Space, threadId: string, postId: string | null) {
	if (!isUuid(threadId) || (postId !== null && !isUuid(postId))) return undefined;
	const [thread] = await db
		.select({ id: communityThread.id, authorId: communityThread.authorId, hidden: communityThread.hidden, locked: communityThread.locked, held: communityThread.held, subject: communityThread.subject })
		.from(communityThread)
		.where(and(eq(communityThread.id, threadId), eq(communityThread.spaceId, space.id)));
	if (!thread) return undefined;
	if (postId === null) return { thread, post: null };
	const [post] = await db
		.select({ id: communityPost.id, authorId: communityPost.authorId, hidden: communityPost.hidden, deletedAt: communityPost.deletedAt })
		.from(communityPost)
		.where(and(eq(communityPost.id, postId), eq(communityPost.threadId, thread.id)));
	return post ? { thread, post } : undefined;
}

/** Flags a thread (`postId` null) or a reply someone else wrote, for the moderators. */
export async function flag(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string | null, input: { reason: FlagReason; note: string }): Promise<Result> {
	const found = await target(db, space, threadId, postId);
	if (!found || !actor) return problem('not_found');
	const thread = found.thread;
	const w: WrittenInSpace = { space: space.access, authorId: found.post ? found.post.authorId : thread.authorId };
	if ((thread.hidden || found.post?.hidden) && !can(actor, 'community:moderate', space.access)) return problem('not_found');
	if (!can(actor, 'community:flag', w)) return problem('not_found');
	// One open flag per person and thing: flagging twice changes the reason.
	const [open] = await db
		.select({ id: communityFlag.id })
		.from(communityFlag)
		.where(
			and(
				eq(communityFlag.threadId, thread.id),
				postId === null ? isNull(communityFlag.postId) : eq(communityFlag.postId, postId),
				eq(communityFlag.reporterId, actor.id),
				isNull(communityFlag.resolvedAt)
			)
		);
	if (open) await db.update(communityFlag).set({ reason: input.reason, note: input.note }).where(eq(communityFlag.id, open.id));
	else await db.insert(communityFlag).values({ threadId: thread.id, postId, reporterId: actor.id, reason: input.reason, note: input.note });
	return ok();
}

/** Hides or restores a thread or reply (a moderator); open flags on it are resolved. */
export async function setHidden(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string | null, hidden: boolean, ip: string | null = null): Promise<Result> {
	if (!actor || !can(actor, 'community:moderate', space.access)) return problem('not_found');
	const found = await target(db, space, threadId, postId);
	if (!found) return problem('not_found');
	return db.transaction(async (tx) => {
		if (found.post) await tx.update(communityPost).set({ hidden }).where(eq(communityPost.id, found.post.id));
		else await tx.update(communityThread).set({ hidden }).where(eq(communityThread.id, found.thread.id));
		await resolveFlags(tx, actor.id, found.thread.id, postId);
		await requestSearchIndex(tx, 'thread', found.thread.id);
		await audit(tx, {
			event: hidden ? 'community_hidden' : 'community_restored',
			actorId: actor.id,
			subjectId: found.post ? found.post.authorId : found.thread.authorId,
			ip,
			detail: { thread: found.thread.id, post: postId }
		});
		return ok();
	});
}

/** Locks a thread against new replies, or unlocks it (a moderator). */
export async function setLocked(db: DbOrTx, actor: Actor, space: Space, threadId: string, locked: boolean, ip: string | null = null): Promise<Result> {
	if (!actor || !can(actor, 'community:moderate', space.access)) return problem('not_found');
	const found = await target(db, space, threadId, null);
	if (!found) return problem('not_found');
	return db.transaction(async (tx) => {
		await tx.update(communityThread).set({ locked }).where(eq(communityThread.id, found.thread.id));
		await audit(tx, { event: locked ? 'community_locked' : 'community_unlocked', actorId: actor.id, subjectId: found.thread.authorId, ip, detail: { thread: found.thread.id } });
		return ok();
	});
}

/**
 * Moves a thread from one open space to another (a moderator of both: the site's editors). Private
 * spaces never take part (what was said among members stays there), nor does a content page's
 * discussion (it belongs to its page). Returns the new space's slug.
 */
export async function moveThread(db: DbOrTx, actor: Actor, space: Space, threadId: string, toSlug: string, ip: string | null = null): Promise<Result<{ slug: string }>> {
	if (!actor || !can(actor, 'community:moderate', space.access)) return problem('not_found');
	const found = await target(db, space, threadId, null);
	if (!found) return problem('not_found');
	const [to] = await db.select({ id: communitySpace.id, slug: communitySpace.slug, kind: communitySpace.kind }).from(communitySpace).where(eq(communitySpace.slug, toSlug));
	const movable = space.kind === 'public' && found.thread.subject === null && to?.kind === 'public' && to.id !== space.id;
	if (!to || !movable || !can(actor, 'community:moderate', { kind: 'public', member: false, moderator: false })) return problem('invalid', { field: 'to', key: 'community_error_move' });
	return db.transaction(async (tx) => {
		await tx.update(communityThread).set({ spaceId: to.id }).where(eq(communityThread.id, found.thread.id));
		await requestSearchIndex(tx, 'thread', found.thread.id);
		await audit(tx, { event: 'community_moved', actorId: actor.id, subjectId: found.thread.authorId, ip, detail: { thread: found.thread.id, from: space.slug, to: to.slug } });
		return ok({ slug: to.slug });
	});
}

/** How long a moderator may suspend someone from a space, in days. */
export const SUSPENSION_DAYS = [1, 7, 30] as const;

/**
 * Suspends the author of a post from posting in the space for `days` (0: lifts it). A moderator
 * only, never themselves; the member still reads the space.
 */
export async function suspendMember(db: DbOrTx, actor: Actor, space: Space, userId: string, days: number, ip: string | null = null): Promise<Result> {
	if (!actor || !can(actor, 'community:moderate', space.access) || !isUuid(userId)) return problem('not_found');
	if (userId === actor.id || !(days === 0 || (SUSPENSION_DAYS as readonly number[]).includes(days))) return problem('invalid', { field: 'days', key: 'error_invalid' });
	const [wrote] = await queryRows<{ one: number }>(
		db,
		sql`select 1 as one from community_thread t left join community_post p on p.thread_id = t.id
			where t.space_id = ${space.id} and (t.author_id = ${userId} or p.author_id = ${userId}) limit 1`
	);
	if (!wrote) return problem('not_found');
	return db.transaction(async (tx) => {
		if (days === 0) await tx.delete(communitySuspension).where(and(eq(communitySuspension.spaceId, space.id), eq(communitySuspension.userId, userId)));
		else
			await tx
				.insert(communitySuspension)
				.values({ spaceId: space.id, userId, until: sql`now() + make_interval(days => ${days})`, suspendedBy: actor.id })
				.onConflictDoUpdate({ target: [communitySuspension.spaceId, communitySuspension.userId], set: { until: sql`now() + make_interval(days => ${days})`, suspendedBy: actor.id } });
		await audit(tx, { event: days === 0 ? 'community_unsuspended' : 'community_suspended', actorId: actor.id, subjectId: userId, ip, detail: { space: space.slug, days } });
		return ok();
	});
}

/** Until when the person is suspended from posting in the space, or null. */
export async function suspendedUntil(db: DbOrTx, spaceId: string, userId: string): Promise<Date | null> {
	const [row] = await db
		.select({ until: communitySuspension.until })
		.from(communitySuspension)
		.where(and(eq(communitySuspension.spaceId, spaceId), eq(communitySuspension.userId, userId), sql`${communitySuspension.until} > now()`));
	return row?.until ?? null;
}

/** Dismisses the open flags on a thread or reply without hiding it. */
export async function dismissFlags(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string | null): Promise<Result> {
	if (!actor || !can(actor, 'community:moderate', space.access)) return problem('not_found');
	const found = await target(db, space, threadId, postId);
	if (!found) return problem('not_found');
	await resolveFlags(db, actor.id, found.thread.id, postId);
	return ok();
}

async function resolveFlags(db: DbOrTx, actorId: string, threadId: string, postId: string | null): Promise<void> {
	await db
		.update(communityFlag)
		.set({ resolvedAt: sql`now()`, resolvedBy: actorId })
		.where(and(eq(communityFlag.threadId, threadId), postId === null ? isNull(communityFlag.postId) : eq(communityFlag.postId, postId), isNull(communityFlag.resolvedAt)));
}

export type QueueItem = {
	threadId: string;
	postId: string | null;
	spaceSlug: string;
	threadTitle: string;
	excerpt: string;
	authorName: string | null;
	reasons: string[];
	notes: string[];
	held: boolean;
	hidden: boolean;
	flaggedAt: Date;
};

/**
 * The review queue of the public spaces (editors and admins): what members flagged and what new
 * members posted with links, oldest first.
 */
export async function moderationQueue(db: DbOrTx, actor: Actor): Promise<Result<QueueItem[]>> {
	if (!actor || !can(actor, 'community:queue')) return problem('not_found');
	const flagged = await db
		.select({
			threadId: communityFlag.threadId,
			postId: communityFlag.postId,
			spaceSlug: communitySpace.slug,
			threadTitle: communityThread.title,
			threadBody: communityThread.body,
			postBody: communityPost.body,
			authorName: sql<string | null>`coalesce((select u.display_name from app_user u where u.id = ${communityPost.authorId}), case when ${communityFlag.postId} is null then (select u.display_name from app_user u where u.id = ${communityThread.authorId}) end)`,
			reasons: sql<string[]>`array_agg(distinct ${communityFlag.reason})`,
			notes: sql<string[]>`array_remove(array_agg(distinct nullif(${communityFlag.note}, '')), null)`,
			hidden: sql<boolean>`coalesce(${communityPost.hidden}, ${communityThread.hidden})`,
			flaggedAt: sql<Date>`min(${communityFlag.createdAt})`
		})
		.from(communityFlag)
		.innerJoin(communityThread, eq(communityThread.id, communityFlag.threadId))
		.innerJoin(communitySpace, eq(communitySpace.id, communityThread.spaceId))
		.leftJoin(communityPost, eq(communityPost.id, communityFlag.postId))
		.where(and(isNull(communityFlag.resolvedAt), eq(communitySpace.kind, 'public')))
		.groupBy(communityFlag.threadId, communityFlag.postId, communitySpace.slug, communityThread.id, communityPost.id)
		.orderBy(sql`min(${communityFlag.createdAt})`);
	const heldThreads = await db
		.select({ threadId: communityThread.id, spaceSlug: communitySpace.slug, title: communityThread.title, body: communityThread.body, authorName: user.displayName, at: communityThread.createdAt })
		.from(communityThread)
		.innerJoin(communitySpace, eq(communitySpace.id, communityThread.spaceId))
		.leftJoin(user, eq(user.id, communityThread.authorId))
		.where(and(eq(communityThread.held, true), isNull(communityThread.deletedAt), eq(communitySpace.kind, 'public')));
	const heldPosts = await db
		.select({ threadId: communityThread.id, postId: communityPost.id, spaceSlug: communitySpace.slug, title: communityThread.title, body: communityPost.body, authorName: user.displayName, at: communityPost.createdAt })
		.from(communityPost)
		.innerJoin(communityThread, eq(communityThread.id, communityPost.threadId))
		.innerJoin(communitySpace, eq(communitySpace.id, communityThread.spaceId))
		.leftJoin(user, eq(user.id, communityPost.authorId))
		.where(and(eq(communityPost.held, true), isNull(communityPost.deletedAt), eq(communitySpace.kind, 'public'), or(isNull(communityThread.deletedAt))));
	const items: QueueItem[] = [
		...flagged.map((f) => ({
			threadId: f.threadId,
			postId: f.postId,
			spaceSlug: f.spaceSlug,
			threadTitle: f.threadTitle,
			excerpt: excerpt(f.postBody ?? f.threadBody),
			authorName: f.authorName,
			reasons: f.reasons,
			notes: f.notes,
			held: false,
			hidden: f.hidden,
			flaggedAt: new Date(f.flaggedAt)
		})),
		...heldThreads.map((h) => ({ threadId: h.threadId, postId: null, spaceSlug: h.spaceSlug, threadTitle: h.title, excerpt: excerpt(h.body), authorName: h.authorName, reasons: [], notes: [], held: true, hidden: false, flaggedAt: h.at })),
		...heldPosts.map((h) => ({ threadId: h.threadId, postId: h.postId, spaceSlug: h.spaceSlug, threadTitle: h.title, excerpt: excerpt(h.body), authorName: h.authorName, reasons: [], notes: [], held: true, hidden: false, flaggedAt: h.at }))
	];
	return ok(items.sort((a, b) => a.flaggedAt.getTime() - b.flaggedAt.getTime()));
}

/** Open flags on the threads and replies of a thread, for its moderators' view (thread id → counts). */
export async function openFlagCounts(db: DbOrTx, threadId: string): Promise<Map<string, number>> {
	const rows = await db
		.select({ postId: communityFlag.postId, n: sql<number>`count(*)::int` })
		.from(communityFlag)
		.where(and(eq(communityFlag.threadId, threadId), isNull(communityFlag.resolvedAt)))
		.groupBy(communityFlag.postId)
		.orderBy(desc(sql`count(*)`));
	return new Map(rows.map((r) => [r.postId ?? 'thread', r.n]));
}

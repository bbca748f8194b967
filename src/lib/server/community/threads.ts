// Threads and replies: listing a space, opening a thread, writing, editing with a visible
// history, soft deletion, the helpful answer. Every function takes the space as `openSpace`
// answered it (so the reader's access is known) and asks the policies before it acts.
import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { audit } from '../audit/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { user } from '../db/schema/accounts.ts';
import { communityDraft, communityPost, communityRevision, communityThread, communityWatch } from '../db/schema/community.ts';
import { emit } from '../events/index.ts';
import { isUuid } from '../forms/index.ts';
import { hit, type Limit } from '../ratelimit/index.ts';
import { requestSearchIndex } from '../search/index.ts';
import { can, type Actor, type SignedIn, type WrittenInSpace } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { excerpt, hasLink, renderPost, type ImageSizes } from './markdown.ts';
import { checkImage, imageSizes, storeImage, uploadsIn, withImage, type CheckedImage, type ImageInput } from './uploads.ts';
import { notifyAnnouncement, notifyMentions, notifyReply } from './notifications.ts';
import { reactionCounts, toggleReaction, type Reaction, type ReactionCount } from './reactions.ts';
import { suspendedUntil } from './moderation.ts';
import { openSpace, type Space } from './spaces.ts';
import type { AppLocale } from '../../i18n/locales.ts';

export const TITLE_MAX = 160;
export const BODY_MAX = 20_000;
export const PAGE_SIZE = 30;
export const POST_LANGUAGES = ['en', 'nb', 'cs', 'sk', 'pl'] as const;
export type PostLanguage = (typeof POST_LANGUAGES)[number];

/** Everyone: at most this many threads and replies an hour. */
export const POSTS_PER_HOUR: Limit = { name: 'community-posts', max: 30, windowSeconds: 60 * 60 };
/** A new member (account younger than a day, or fewer than three posts): fewer, and links wait for review. */
export const NEW_MEMBER_POSTS_PER_HOUR: Limit = { name: 'community-new-member-posts', max: 5, windowSeconds: 60 * 60 };
export const NEW_MEMBER_HOURS = 24;
export const NEW_MEMBER_POSTS = 3;

/** The realtime channel of one thread: its open pages follow it. */
export const threadChannel = (threadId: string) => `thread:${threadId}`;
/** The event a thread's pages insert a new reply on. */
export const REPLY_POSTED = 'community.reply_posted';

/** Brings a thread's search row up to date after commit (public spaces only are indexed). */
export const reindexThread = (tx: DbOrTx, threadId: string) => requestSearchIndex(tx, 'thread', threadId);

export type ThreadListed = {
	id: string;
	title: string;
	language: string;
	authorName: string | null;
	replyCount: number;
	lastActivityAt: Date;
	createdAt: Date;
	locked: boolean;
	hidden: boolean;
	held: boolean;
	solved: boolean;
};

/** Whether a thread (or reply) is shown to the reader: hidden and held ones only to moderators and (held) their author. */
function visibleTo(space: Space, actor: Actor) {
	if (space.access.moderator || (actor && can(actor, 'community:moderate', space.access))) return undefined;
	const own = actor ? eq(communityThread.authorId, actor.id) : sql`false`;
	return and(eq(communityThread.hidden, false), or(eq(communityThread.held, false), own));
}

const moderates = (space: Space, actor: Actor) => !!actor && can(actor, 'community:moderate', space.access);

/** One page of a space's threads, most recently active first, optionally in one language. */
export async function listThreads(
	db: DbOrTx,
	actor: Actor,
	space: Space,
	options: { language?: PostLanguage; page?: number } = {}
): Promise<{ threads: ThreadListed[]; total: number; page: number; pages: number }> {
	const where = and(
		eq(communityThread.spaceId, space.id),
		isNull(communityThread.deletedAt),
		visibleTo(space, actor),
		options.language ? eq(communityThread.language, options.language) : undefined
	);
	const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(communityThread).where(where);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(Math.max(1, options.page ?? 1), pages);
	const threads = await db
		.select({
			id: communityThread.id,
			title: communityThread.title,
			language: communityThread.language,
			authorName: user.displayName,
			replyCount: communityThread.replyCount,
			lastActivityAt: communityThread.lastActivityAt,
			createdAt: communityThread.createdAt,
			locked: communityThread.locked,
			hidden: communityThread.hidden,
			held: communityThread.held,
			solved: sql<boolean>`exists (select 1 from community_post p where p.thread_id = ${communityThread.id} and p.helpful and p.deleted_at is null)`
		})
		.from(communityThread)
		.leftJoin(user, eq(user.id, communityThread.authorId))
		.where(where)
		.orderBy(desc(communityThread.lastActivityAt), desc(communityThread.id))
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE);
	return { threads, total, page, pages };
}

export type ThreadInput = { title: string; body: string; language: PostLanguage; mention?: string; announce?: boolean;
	/** The content page the thread discusses (see comments.ts). */
	subject?: string;
	/** An image to add at the end of the text (uploads.ts). */
	image?: ImageInput };
export type ReplyInput = { body: string; parentId?: string | null; mention?: string; image?: ImageInput };

/** Checks the image that comes with a post, if any (nothing stored yet). */
async function checkedImage(db: DbOrTx, actor: Actor, space: Space, image: ImageInput | undefined): Promise<Result<CheckedImage | undefined>> {
	return image ? checkImage(db, actor, space, image) : ok(undefined);
}

/** The text to store: with the checked image stored and shown at its end. */
async function bodyWithImage(tx: DbOrTx, body: string, image: CheckedImage | undefined): Promise<string> {
	return image ? withImage(body, (await storeImage(tx, image)).markdown) : body;
}

type Limits = { newMember: boolean };

/** Whether the actor is a new member: a young account or fewer than three posts. */
export async function isNewMember(db: DbOrTx, userId: string): Promise<boolean> {
	const [row] = await db
		.select({
			young: sql<boolean>`${user.createdAt} > now() - make_interval(hours => ${NEW_MEMBER_HOURS})`,
			posts: sql<number>`(select count(*)::int from community_thread t where t.author_id = ${userId}) + (select count(*)::int from community_post p where p.author_id = ${userId})`
		})
		.from(user)
		.where(eq(user.id, userId));
	return !row || row.young || row.posts < NEW_MEMBER_POSTS;
}

/** Counts a post against the limits: a refusal, or whether the writer is a new member. */
async function checkLimits(db: DbOrTx, actor: SignedIn, space: Space): Promise<Result<Limits>> {
	if (await suspendedUntil(db, space.id, actor.id)) return problem('forbidden', { field: 'body', key: 'community_error_suspended' });
	const newMember = await isNewMember(db, actor.id);
	if (!(await hit(db, POSTS_PER_HOUR, actor.id))) return problem('rate_limited', { field: 'body', key: 'community_error_rate_limited' });
	if (newMember && !(await hit(db, NEW_MEMBER_POSTS_PER_HOUR, actor.id))) return problem('rate_limited', { field: 'body', key: 'community_error_new_member_limit' });
	return ok({ newMember });
}

/** Starts a thread in a space; its author watches it. A new member's thread with a link waits for review. */
export async function createThread(db: DbOrTx, actor: Actor, space: Space, input: ThreadInput): Promise<Result<{ id: string; held: boolean }>> {
	if (!actor || !can(actor, 'community:post', space.access)) return problem('not_found');
	// Only a moderator of an organisation's or a cohort's space announces to its members.
	if (input.announce && (space.kind === 'public' || !moderates(space, actor))) return problem('forbidden', { key: 'community_error_announce' });
	const limits = await checkLimits(db, actor, space);
	if (!limits.ok) return limits;
	const image = await checkedImage(db, actor, space, input.image);
	if (!image.ok) return image;
	const held = limits.value.newMember && !moderates(space, actor) && hasLink(input.body);
	return db.transaction(async (tx) => {
		const body = await bodyWithImage(tx, input.body, image.value);
		const [row] = await tx
			.insert(communityThread)
			.values({ spaceId: space.id, authorId: actor.id, title: input.title, body, language: input.language, held, subject: input.subject ?? null })
			.returning({ id: communityThread.id });
		const id = row!.id;
		await tx.insert(communityWatch).values({ userId: actor.id, threadId: id, level: 'watch' }).onConflictDoNothing();
		await tx.delete(communityDraft).where(and(eq(communityDraft.userId, actor.id), eq(communityDraft.key, `space:${space.id}`)));
		if (!held) {
			await notifyMentions(tx, space, { threadId: id, postId: null, actorId: actor.id, text: `${body}\n${input.mention ?? ''}` });
			if (input.announce) {
				const [author] = await tx.select({ name: user.displayName }).from(user).where(eq(user.id, actor.id));
				await notifyAnnouncement(tx, space, { threadId: id, actorId: actor.id, title: input.title, authorName: author!.name });
			}
			await reindexThread(tx, id);
		}
		return ok({ id, held });
	});
}

type ThreadRow = typeof communityThread.$inferSelect;

/** The thread with this id in this space, if the reader may see it (else undefined: a 404). */
async function threadIn(db: DbOrTx, actor: Actor, space: Space, threadId: string): Promise<ThreadRow | undefined> {
	if (!isUuid(threadId)) return undefined;
	const [row] = await db
		.select()
		.from(communityThread)
		.where(and(eq(communityThread.id, threadId), eq(communityThread.spaceId, space.id)));
	if (!row) return undefined;
	if (row.hidden && !moderates(space, actor)) return undefined;
	if (row.held && !moderates(space, actor) && row.authorId !== (actor?.id ?? null)) return undefined;
	return row;
}

/** Whether the reader may see the thread (its id), without reading its replies: for the live feed. */
export async function openThread(db: DbOrTx, actor: Actor, space: Space, threadId: string): Promise<Result<{ id: string }>> {
	const row = await threadIn(db, actor, space, threadId);
	return row && !row.deletedAt ? ok({ id: row.id }) : problem('not_found');
}

const written = (space: Space, authorId: string | null, locked = false): WrittenInSpace => ({ space: space.access, authorId, locked });

export type PostView = {
	id: string;
	parentId: string | null;
	authorId: string | null;
	authorName: string | null;
	html: string;
	body: string;
	helpful: boolean;
	deleted: boolean;
	hidden: boolean;
	held: boolean;
	editedAt: Date | null;
	createdAt: Date;
	revisions: number;
	may: { edit: boolean; delete: boolean; flag: boolean; helpful: boolean; moderate: boolean; reply: boolean; react: boolean };
	reactions: ReactionCount[];
	replies: PostView[];
};

export type ThreadView = {
	id: string;
	title: string;
	/** The content page it discusses, if it is one's discussion (see comments.ts). */
	subject: string | null;
	language: string;
	authorId: string | null;
	authorName: string | null;
	html: string;
	body: string;
	locked: boolean;
	hidden: boolean;
	held: boolean;
	deleted: boolean;
	editedAt: Date | null;
	createdAt: Date;
	revisions: number;
	replyCount: number;
	watch: 'watch' | 'mute' | null;
	may: { reply: boolean; edit: boolean; delete: boolean; flag: boolean; helpful: boolean; moderate: boolean; react: boolean };
	reactions: ReactionCount[];
	posts: PostView[];
	/** People who can be mentioned here (for the autocomplete). */
	people: string[];
};

/** A reply as the reader sees it (without its nested replies). */
function postView(space: Space, actor: Actor, thread: ThreadRow, sizes: ImageSizes, p: { id: string; parentId: string | null; authorId: string | null; authorName: string | null; body: string; helpful: boolean; deletedAt: Date | null; hidden: boolean; held: boolean; editedAt: Date | null; createdAt: Date; revisions: number }): PostView {
	const deleted = p.deletedAt !== null;
	const mod = moderates(space, actor);
	const showText = !deleted && (!p.hidden || mod) && (!p.held || mod || p.authorId === actor?.id);
	const w = written(space, p.authorId, thread.locked);
	return {
		id: p.id,
		parentId: p.parentId,
		authorId: p.authorId,
		authorName: deleted ? null : p.authorName,
		html: showText ? renderPost(p.body, sizes) : '',
		body: showText ? p.body : '',
		helpful: p.helpful && !deleted,
		deleted,
		hidden: p.hidden,
		held: p.held,
		editedAt: p.editedAt,
		createdAt: p.createdAt,
		revisions: p.revisions,
		may: {
			edit: !deleted && !!actor && can(actor, 'community:edit', w),
			delete: !deleted && !!actor && can(actor, 'community:delete', w),
			flag: !deleted && !!actor && can(actor, 'community:flag', w),
			helpful: !deleted && !!actor && can(actor, 'community:helpful', written(space, thread.authorId)),
			moderate: mod,
			reply: !deleted && !!actor && can(actor, 'community:reply', w),
			react: showText && !!actor && can(actor, 'community:react', w)
		},
		reactions: [],
		replies: []
	};
}

const postColumns = {
	id: communityPost.id,
	parentId: communityPost.parentId,
	authorId: communityPost.authorId,
	authorName: user.displayName,
	body: communityPost.body,
	helpful: communityPost.helpful,
	deletedAt: communityPost.deletedAt,
	hidden: communityPost.hidden,
	held: communityPost.held,
	editedAt: communityPost.editedAt,
	createdAt: communityPost.createdAt,
	revisions: sql<number>`(select count(*)::int from community_revision r where r.post_id = ${communityPost.id})`
};

/** A thread with its replies (nested one level) for the reader; 'not_found' when they may not see it. */
export async function getThread(db: DbOrTx, actor: Actor, space: Space, threadId: string): Promise<Result<ThreadView>> {
	const row = await threadIn(db, actor, space, threadId);
	if (!row) return problem('not_found');
	const [author] = row.authorId ? await db.select({ name: user.displayName }).from(user).where(eq(user.id, row.authorId)) : [];
	const mod = moderates(space, actor);
	const rows = await db
		.select(postColumns)
		.from(communityPost)
		.leftJoin(user, eq(user.id, communityPost.authorId))
		.where(and(eq(communityPost.threadId, row.id), mod ? undefined : or(eq(communityPost.held, false), actor ? eq(communityPost.authorId, actor.id) : sql`false`)))
		.orderBy(asc(communityPost.createdAt), asc(communityPost.id));
	const reactions = await reactionCounts(db, row.id, actor?.id ?? null);
	const sizes = await imageSizes(db, uploadsIn(row.body, ...rows.map((p) => p.body)));
	const views = rows.map((p) => ({ ...postView(space, actor, row, sizes, p), reactions: reactions.get(p.id) ?? [] }));
	const byId = new Map(views.map((v) => [v.id, v]));
	const posts: PostView[] = [];
	for (const v of views) {
		const parent = v.parentId ? byId.get(v.parentId) : undefined;
		if (parent) parent.replies.push(v);
		else posts.push(v);
	}
	const [revisions] = await db
		.select({ n: count() })
		.from(communityRevision)
		.where(and(eq(communityRevision.threadId, row.id), isNull(communityRevision.postId)));
	const [watch] = actor ? await db.select({ level: communityWatch.level }).from(communityWatch).where(and(eq(communityWatch.userId, actor.id), eq(communityWatch.threadId, row.id))) : [];
	const deleted = row.deletedAt !== null;
	const w = written(space, row.authorId, row.locked);
	const names = new Set<string>();
	for (const v of views) if (v.authorName && v.authorId !== actor?.id) names.add(v.authorName);
	if (author && row.authorId !== actor?.id) names.add(author.name);
	return ok({
		id: row.id,
		title: row.title,
		subject: row.subject,
		language: row.language,
		authorId: row.authorId,
		authorName: deleted ? null : (author?.name ?? null),
		html: deleted ? '' : renderPost(row.body, sizes),
		body: deleted ? '' : row.body,
		locked: row.locked,
		hidden: row.hidden,
		held: row.held,
		deleted,
		editedAt: row.editedAt,
		createdAt: row.createdAt,
		revisions: revisions?.n ?? 0,
		replyCount: row.replyCount,
		watch: (watch?.level as 'watch' | 'mute' | undefined) ?? null,
		may: {
			reply: !deleted && !!actor && can(actor, 'community:reply', w),
			edit: !deleted && !!actor && can(actor, 'community:edit', w),
			delete: !deleted && !!actor && can(actor, 'community:delete', w),
			flag: !deleted && !!actor && can(actor, 'community:flag', w),
			helpful: !!actor && can(actor, 'community:helpful', w),
			moderate: mod,
			react: !deleted && !!actor && can(actor, 'community:react', w)
		},
		reactions: reactions.get('') ?? [],
		posts,
		people: [...names].sort((a, b) => a.localeCompare(b))
	});
}

/** One reply as the reader sees it (for the live update of an open thread page). */
export async function getPost(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string): Promise<Result<PostView>> {
	const thread = await threadIn(db, actor, space, threadId);
	if (!thread || !isUuid(postId)) return problem('not_found');
	const [p] = await db
		.select(postColumns)
		.from(communityPost)
		.leftJoin(user, eq(user.id, communityPost.authorId))
		.where(and(eq(communityPost.id, postId), eq(communityPost.threadId, thread.id)));
	if (!p) return problem('not_found');
	if (p.held && !moderates(space, actor) && p.authorId !== actor?.id) return problem('not_found');
	return ok(postView(space, actor, thread, await imageSizes(db, uploadsIn(p.body)), p));
}

/**
 * Replies in a thread, to the thread or to a reply (a reply to a reply to a reply is put under the
 * first one: one level of nesting). The writer watches the thread from now on (unless they muted
 * it); watchers and the people mentioned are notified, and open pages of the thread get it live.
 */
export async function reply(db: DbOrTx, actor: Actor, space: Space, threadId: string, input: ReplyInput): Promise<Result<{ id: string; held: boolean }>> {
	const thread = await threadIn(db, actor, space, threadId);
	if (!thread || thread.deletedAt || !actor || !can(actor, 'community:read', space.access)) return problem('not_found');
	if (!can(actor, 'community:reply', written(space, thread.authorId, thread.locked))) return problem('forbidden', { field: 'body', key: thread.locked ? 'community_error_locked' : 'community_error_cannot_post' });
	let parentId: string | null = null;
	if (input.parentId) {
		if (!isUuid(input.parentId)) return problem('invalid', { field: 'body', key: 'error_invalid' });
		const [parent] = await db
			.select({ id: communityPost.id, parentId: communityPost.parentId })
			.from(communityPost)
			.where(and(eq(communityPost.id, input.parentId), eq(communityPost.threadId, thread.id)));
		if (!parent) return problem('invalid', { field: 'body', key: 'error_invalid' });
		parentId = parent.parentId ?? parent.id;
	}
	const limits = await checkLimits(db, actor, space);
	if (!limits.ok) return limits;
	const image = await checkedImage(db, actor, space, input.image);
	if (!image.ok) return image;
	const held = limits.value.newMember && !moderates(space, actor) && hasLink(input.body);
	return db.transaction(async (tx) => {
		const body = await bodyWithImage(tx, input.body, image.value);
		const [row] = await tx.insert(communityPost).values({ threadId: thread.id, authorId: actor.id, parentId, body, held }).returning({ id: communityPost.id });
		const id = row!.id;
		await tx.delete(communityDraft).where(and(eq(communityDraft.userId, actor.id), eq(communityDraft.key, `thread:${thread.id}`)));
		if (held) return ok({ id, held });
		await published(tx, space, thread.id, id, actor.id, `${body}\n${input.mention ?? ''}`);
		return ok({ id, held });
	});
}

/** What follows a reply becoming visible: counts, watching, notices, the live event. */
async function published(tx: DbOrTx, space: Space, threadId: string, postId: string, authorId: string | null, text: string): Promise<void> {
	await tx
		.update(communityThread)
		.set({ replyCount: sql`${communityThread.replyCount} + 1`, lastActivityAt: sql`now()` })
		.where(eq(communityThread.id, threadId));
	if (authorId) await tx.insert(communityWatch).values({ userId: authorId, threadId, level: 'watch' }).onConflictDoNothing();
	const mentioned = authorId ? await notifyMentions(tx, space, { threadId, postId, actorId: authorId, text }) : [];
	await notifyReply(tx, space, { threadId, postId, actorId: authorId, skip: mentioned });
	await emit(tx, { type: REPLY_POSTED, channel: threadChannel(threadId), payload: { postId } });
	await reindexThread(tx, threadId);
}

/** Lets a held reply or thread through (a moderator): it is published as if just posted. */
export async function approve(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string | null, ip: string | null = null): Promise<Result> {
	const thread = await threadIn(db, actor, space, threadId);
	if (!thread || !actor || !can(actor, 'community:moderate', space.access)) return problem('not_found');
	if (postId !== null && !isUuid(postId)) return problem('not_found');
	return db.transaction(async (tx) => {
		await audit(tx, { event: 'community_approved', actorId: actor.id, subjectId: thread.authorId, ip, detail: { thread: thread.id, post: postId } });
		if (postId === null) {
			if (!thread.held) return ok();
			await tx.update(communityThread).set({ held: false, lastActivityAt: sql`now()` }).where(eq(communityThread.id, thread.id));
			if (thread.authorId) await notifyMentions(tx, space, { threadId: thread.id, postId: null, actorId: thread.authorId, text: thread.body });
			await reindexThread(tx, thread.id);
			return ok();
		}
		const [post] = await tx
			.update(communityPost)
			.set({ held: false })
			.where(and(eq(communityPost.id, postId), eq(communityPost.threadId, thread.id), eq(communityPost.held, true)))
			.returning({ id: communityPost.id, authorId: communityPost.authorId, body: communityPost.body });
		if (post) await published(tx, space, thread.id, post.id, post.authorId, post.body);
		return ok();
	});
}

/** Changes the words of a thread (`postId` null: its title and opening text) or a reply; the old words go to the history. */
export async function editPost(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string | null, input: { title?: string; body: string; image?: ImageInput }): Promise<Result> {
	const thread = await threadIn(db, actor, space, threadId);
	if (!thread || !actor) return problem('not_found');
	if (postId === null) {
		if (thread.deletedAt || !can(actor, 'community:edit', written(space, thread.authorId))) return problem('not_found');
		if (thread.body === input.body && !input.image && (input.title === undefined || input.title === thread.title)) return ok();
		const image = await checkedImage(db, actor, space, input.image);
		if (!image.ok) return image;
		return db.transaction(async (tx) => {
			await tx.insert(communityRevision).values({ threadId: thread.id, postId: null, editorId: actor.id, title: thread.title, body: thread.body });
			await tx
				.update(communityThread)
				.set({ body: await bodyWithImage(tx, input.body, image.value), title: input.title ?? thread.title, editedAt: sql`now()` })
				.where(eq(communityThread.id, thread.id));
			await reindexThread(tx, thread.id);
			return ok();
		});
	}
	if (!isUuid(postId)) return problem('not_found');
	const [post] = await db.select().from(communityPost).where(and(eq(communityPost.id, postId), eq(communityPost.threadId, thread.id)));
	if (!post || post.deletedAt || !can(actor, 'community:edit', written(space, post.authorId))) return problem('not_found');
	if (post.body === input.body && !input.image) return ok();
	const image = await checkedImage(db, actor, space, input.image);
	if (!image.ok) return image;
	return db.transaction(async (tx) => {
		await tx.insert(communityRevision).values({ threadId: thread.id, postId: post.id, editorId: actor.id, body: post.body });
		await tx.update(communityPost).set({ body: await bodyWithImage(tx, input.body, image.value), editedAt: sql`now()` }).where(eq(communityPost.id, post.id));
		await reindexThread(tx, thread.id);
		return ok();
	});
}

/** Deletes a thread (`postId` null) or a reply softly: a placeholder stays where it was, replies to it stay. */
export async function deletePost(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string | null): Promise<Result> {
	const thread = await threadIn(db, actor, space, threadId);
	if (!thread || !actor) return problem('not_found');
	if (postId === null) {
		if (thread.deletedAt || !can(actor, 'community:delete', written(space, thread.authorId))) return problem('not_found');
		await db.transaction(async (tx) => {
			await tx.update(communityThread).set({ deletedAt: sql`now()` }).where(eq(communityThread.id, thread.id));
			await reindexThread(tx, thread.id);
		});
		return ok();
	}
	if (!isUuid(postId)) return problem('not_found');
	const [post] = await db.select().from(communityPost).where(and(eq(communityPost.id, postId), eq(communityPost.threadId, thread.id)));
	if (!post || post.deletedAt || !can(actor, 'community:delete', written(space, post.authorId))) return problem('not_found');
	await db.transaction(async (tx) => {
		await tx.update(communityPost).set({ deletedAt: sql`now()`, helpful: false }).where(eq(communityPost.id, post.id));
		await reindexThread(tx, thread.id);
	});
	return ok();
}

/** Gives a reaction to the thread's opening text (`postId` null) or a reply, or takes it back. */
export async function react(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string | null, reaction: Reaction): Promise<Result<{ given: boolean }>> {
	const thread = await threadIn(db, actor, space, threadId);
	if (!thread || thread.deletedAt || !actor || (postId !== null && !isUuid(postId))) return problem('not_found');
	let authorId = thread.authorId;
	if (postId) {
		const [post] = await db
			.select({ authorId: communityPost.authorId, deletedAt: communityPost.deletedAt, hidden: communityPost.hidden, held: communityPost.held })
			.from(communityPost)
			.where(and(eq(communityPost.id, postId), eq(communityPost.threadId, thread.id)));
		if (!post || post.deletedAt || post.hidden || post.held) return problem('not_found');
		authorId = post.authorId;
	}
	if (!can(actor, 'community:react', written(space, authorId))) return problem('forbidden', { key: 'community_error_react' });
	return ok({ given: await toggleReaction(db, actor.id, thread.id, postId, reaction) });
}

/** Marks a reply as the thread's helpful answer (or takes the mark away): one per thread. */
export async function markHelpful(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string, helpful: boolean): Promise<Result> {
	const thread = await threadIn(db, actor, space, threadId);
	if (!thread || !actor || !isUuid(postId)) return problem('not_found');
	if (!can(actor, 'community:helpful', written(space, thread.authorId))) return problem('not_found');
	const [post] = await db.select({ id: communityPost.id, deletedAt: communityPost.deletedAt }).from(communityPost).where(and(eq(communityPost.id, postId), eq(communityPost.threadId, thread.id)));
	if (!post || post.deletedAt) return problem('not_found');
	return db.transaction(async (tx) => {
		await tx.update(communityPost).set({ helpful: false }).where(and(eq(communityPost.threadId, thread.id), eq(communityPost.helpful, true)));
		if (helpful) await tx.update(communityPost).set({ helpful: true }).where(eq(communityPost.id, post.id));
		return ok();
	});
}

export type Revision = { at: Date; title: string | null; html: string; editorName: string | null };

/** The earlier versions of a thread's opening text (`postId` null) or a reply, newest first, and the current one. */
export async function history(db: DbOrTx, actor: Actor, space: Space, threadId: string, postId: string | null): Promise<Result<{ current: { title: string | null; html: string; editedAt: Date | null }; revisions: Revision[] }>> {
	const thread = await threadIn(db, actor, space, threadId);
	if (!thread || thread.deletedAt) return problem('not_found');
	let current: { title: string | null; body: string; editedAt: Date | null };
	if (postId === null) current = { title: thread.title, body: thread.body, editedAt: thread.editedAt };
	else {
		if (!isUuid(postId)) return problem('not_found');
		const [post] = await db.select().from(communityPost).where(and(eq(communityPost.id, postId), eq(communityPost.threadId, thread.id)));
		const mod = moderates(space, actor);
		if (!post || post.deletedAt || (post.hidden && !mod) || (post.held && !mod && post.authorId !== actor?.id)) return problem('not_found');
		current = { title: null, body: post.body, editedAt: post.editedAt };
	}
	const rows = await db
		.select({ at: communityRevision.createdAt, title: communityRevision.title, body: communityRevision.body, editorName: user.displayName })
		.from(communityRevision)
		.leftJoin(user, eq(user.id, communityRevision.editorId))
		.where(and(eq(communityRevision.threadId, thread.id), postId === null ? isNull(communityRevision.postId) : eq(communityRevision.postId, postId)))
		.orderBy(desc(communityRevision.createdAt), desc(communityRevision.id));
	const sizes = await imageSizes(db, uploadsIn(current.body, ...rows.map((r) => r.body)));
	return ok({ current: { title: current.title, html: renderPost(current.body, sizes), editedAt: current.editedAt }, revisions: rows.map((r) => ({ at: r.at, title: r.title, html: renderPost(r.body, sizes), editorName: r.editorName })) });
}

/** The draft the actor was writing (`space:<id>` for a new thread, `thread:<id>` for a reply). */
export async function getDraft(db: DbOrTx, actor: Actor, key: string): Promise<{ title: string; body: string } | undefined> {
	if (!actor) return undefined;
	const [row] = await db.select({ title: communityDraft.title, body: communityDraft.body }).from(communityDraft).where(and(eq(communityDraft.userId, actor.id), eq(communityDraft.key, key)));
	return row;
}

/** The form for a new thread in a space: the space, whether the actor may announce there, and their draft. */
export async function newThreadForm(db: DbOrTx, actor: Actor, slug: string, locale: AppLocale): Promise<Result<{ space: Space; mayAnnounce: boolean; draft: { title: string; body: string } }>> {
	const space = await openSpace(db, actor, slug, locale);
	if (!space.ok) return space;
	if (!actor || !can(actor, 'community:post', space.value.access)) return problem('forbidden', { key: 'community_error_cannot_post' });
	const draft = await getDraft(db, actor, `space:${space.value.id}`);
	return ok({ space: space.value, mayAnnounce: space.value.kind !== 'public' && moderates(space.value, actor), draft: draft ?? { title: '', body: '' } });
}

/** Keeps what the actor is typing in a space (a new thread) or a thread (a reply) they may write in. */
export async function saveDraft(db: DbOrTx, actor: Actor, space: Space, threadId: string | null, input: { title: string; body: string }): Promise<Result> {
	if (!actor || !can(actor, 'community:post', space.access)) return problem('not_found');
	let key = `space:${space.id}`;
	if (threadId !== null) {
		const thread = await threadIn(db, actor, space, threadId);
		if (!thread) return problem('not_found');
		key = `thread:${thread.id}`;
	}
	await db
		.insert(communityDraft)
		.values({ userId: actor.id, key, title: input.title, body: input.body })
		.onConflictDoUpdate({ target: [communityDraft.userId, communityDraft.key], set: { title: input.title, body: input.body, updatedAt: sql`now()` } });
	return ok();
}

/** Threads by id, for notifications and the queue: the title and where they are. */
export async function threadTitles(db: DbOrTx, ids: string[]): Promise<Map<string, { title: string; spaceId: string }>> {
	if (ids.length === 0) return new Map();
	const rows = await db.select({ id: communityThread.id, title: communityThread.title, spaceId: communityThread.spaceId }).from(communityThread).where(inArray(communityThread.id, ids));
	return new Map(rows.map((r) => [r.id, { title: r.title, spaceId: r.spaceId }]));
}

/** A plain excerpt of a Markdown text, for lists and mails. */
export { excerpt };

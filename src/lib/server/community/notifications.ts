// In-app notices of the community: a reply in a thread one watches, a mention. Only people who can
// read the thread are ever told about it (a member who left an organisation is not).
import { and, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { BASE_LOCALE, isAppLocale } from '../../i18n/locales.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { emit } from '../events/index.ts';
import { personChannel } from '../realtime/index.ts';
import { sendMail } from '../mail/index.ts';
import { COMMUNITY_MAILS } from './mail.ts';
import { user } from '../db/schema/accounts.ts';
import { communityNotification, communityPost, communitySpace, communityThread, communityWatch } from '../db/schema/community.ts';
import { isUuid } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import type { Space } from './spaces.ts';

/** SQL: whether the user `userId` (a column) may read the space with id `spaceId` (a column not of an alias `s`, which this subquery uses). */
export function readsSpace(userId: SQL | AnyPgColumn, spaceId: SQL | AnyPgColumn | string): SQL {
	return sql`exists (
		select 1 from community_space s where s.id = ${spaceId} and (
			s.kind = 'public'
			or (s.kind = 'organisation' and exists (select 1 from membership m where m.organisation_id = s.organisation_id and m.user_id = ${userId}))
			or (s.kind = 'cohort' and (
				exists (select 1 from cohort c where c.id = s.cohort_id and c.facilitator_id = ${userId})
				or exists (select 1 from cohort_member cm where cm.cohort_id = s.cohort_id and cm.user_id = ${userId})
			))
		)
	)`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` mentions `name` as `@name` (not as the start of a longer name). */
export function mentions(text: string, name: string): boolean {
	return new RegExp(`(^|[^\\p{L}\\p{N}_])@${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'iu').test(text);
}

/**
 * The event on a person's own channel whenever their unread count may have changed (a notice
 * came, or they read some): the header's bell reads the count again. It carries nothing.
 */
export const UNREAD_CHANGED = 'community.unread_changed';

/** Tells each person's open pages, after commit, that their bell's count changed. */
async function tellUnreadChanged(tx: DbOrTx, userIds: Iterable<string>): Promise<void> {
	for (const userId of new Set(userIds)) await emit(tx, { type: UNREAD_CHANGED, channel: personChannel(userId) });
}

type Posted = { threadId: string; postId: string | null; actorId: string | null };

/** The event raised after people were mentioned (payload: threadId, postId, userIds); its handler mails those who chose it. */
export const MENTIONED = 'community.mentioned';

/** Tells the people `text` mentions by `@Display Name` who can read the thread; their ids. */
export async function notifyMentions(tx: DbOrTx, space: Pick<Space, 'id'>, posted: Posted & { text: string }): Promise<string[]> {
	if (!posted.text.includes('@')) return [];
	const candidates = await tx
		.select({ id: user.id, name: user.displayName })
		.from(user)
		.where(
			and(
				isNull(user.disabledAt),
				posted.actorId ? ne(user.id, posted.actorId) : undefined,
				sql`position(lower('@' || ${user.displayName}) in lower(${posted.text})) > 0`,
				readsSpace(user.id, space.id)
			)
		);
	const ids = candidates.filter((c) => mentions(posted.text, c.name)).map((c) => c.id);
	if (ids.length > 0) {
		const told = await tx
			.insert(communityNotification)
			.values(ids.map((userId) => ({ userId, kind: 'mention', threadId: posted.threadId, postId: posted.postId, actorId: posted.actorId })))
			.onConflictDoNothing()
			.returning({ userId: communityNotification.userId });
		await tellUnreadChanged(tx, told.map((t) => t.userId));
	}
	if (ids.length > 0) await emit(tx, { type: MENTIONED, payload: { threadId: posted.threadId, postId: posted.postId, userIds: ids } });
	return ids;
}

/** Tells the thread's watchers (not the writer, not those who muted it, not those told already) of a reply. */
export async function notifyReply(tx: DbOrTx, space: Pick<Space, 'id'>, posted: Posted & { skip: string[] }): Promise<void> {
	const watchers = await tx
		.select({ userId: communityWatch.userId })
		.from(communityWatch)
		.where(
			and(
				eq(communityWatch.threadId, posted.threadId),
				eq(communityWatch.level, 'watch'),
				posted.actorId ? ne(communityWatch.userId, posted.actorId) : undefined,
				readsSpace(communityWatch.userId, space.id)
			)
		);
	const ids = watchers.map((w) => w.userId).filter((id) => !posted.skip.includes(id));
	if (ids.length > 0) {
		const told = await tx
			.insert(communityNotification)
			.values(ids.map((userId) => ({ userId, kind: 'reply', threadId: posted.threadId, postId: posted.postId, actorId: posted.actorId })))
			.onConflictDoNothing()
			.returning({ userId: communityNotification.userId });
		await tellUnreadChanged(tx, told.map((t) => t.userId));
	}
}

/**
 * Tells every member of an organisation's or a cohort's space (and its facilitator), but the
 * writer and disabled accounts, of an announcement: a notice each, and a mail through the outbox in
 * their own language. Both in the caller's transaction.
 */
export async function notifyAnnouncement(tx: DbOrTx, space: Pick<Space, 'id' | 'slug' | 'title'>, posted: { threadId: string; actorId: string; title: string; authorName: string }): Promise<number> {
	const members = await queryRows<{ id: string; email: string; locale: string }>(tx, sql`
		select u.id, u.email, u.locale from app_user u
		where u.disabled_at is null and u.id in (
			select cm.user_id from community_space s join cohort_member cm on cm.cohort_id = s.cohort_id where s.id = ${space.id}
			union select c.facilitator_id from community_space s join cohort c on c.id = s.cohort_id where s.id = ${space.id}
			union select ms.user_id from community_space s join membership ms on ms.organisation_id = s.organisation_id where s.id = ${space.id}
		) and u.id <> ${posted.actorId}`);
	if (members.length === 0) return 0;
	const told = await tx
		.insert(communityNotification)
		.values(members.map((u) => ({ userId: u.id, kind: 'announcement', threadId: posted.threadId, postId: null, actorId: posted.actorId })))
		.onConflictDoNothing()
		.returning({ userId: communityNotification.userId });
	await tellUnreadChanged(tx, told.map((t) => t.userId));
	for (const u of members) {
		const locale = isAppLocale(u.locale) ? u.locale : BASE_LOCALE;
		await sendMail(tx, {
			to: u.email,
			locale,
			kind: 'community_announcement',
			senderId: posted.actorId,
			userId: u.id,
			link: `/${locale}/community/${space.slug}/${posted.threadId}`,
			words: COMMUNITY_MAILS.community_announcement({ author: posted.authorName, space: space.title, title: posted.title }, locale)
		});
	}
	return members.length;
}

/** Watches or mutes a thread the actor can read (`level` null: back to the default). */
export async function setWatch(db: DbOrTx, actor: Actor, space: Space, threadId: string, level: 'watch' | 'mute' | null): Promise<Result> {
	if (!actor || !can(actor, 'community:read', space.access) || !isUuid(threadId)) return problem('not_found');
	const [thread] = await db.select({ id: communityThread.id }).from(communityThread).where(and(eq(communityThread.id, threadId), eq(communityThread.spaceId, space.id)));
	if (!thread) return problem('not_found');
	if (level === null) await db.delete(communityWatch).where(and(eq(communityWatch.userId, actor.id), eq(communityWatch.threadId, thread.id)));
	else
		await db
			.insert(communityWatch)
			.values({ userId: actor.id, threadId: thread.id, level })
			.onConflictDoUpdate({ target: [communityWatch.userId, communityWatch.threadId], set: { level } });
	return ok();
}

export type NotificationView = {
	id: string;
	kind: 'reply' | 'mention' | 'announcement';
	threadId: string;
	threadTitle: string;
	spaceSlug: string;
	postId: string | null;
	actorName: string | null;
	read: boolean;
	createdAt: Date;
};

/** The actor's notices, newest first (those about threads they can no longer read are left out). */
export async function listNotifications(db: DbOrTx, actor: Actor, limit = 50): Promise<Result<NotificationView[]>> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const rows = await db
		.select({
			id: communityNotification.id,
			kind: communityNotification.kind,
			threadId: communityNotification.threadId,
			threadTitle: communityThread.title,
			spaceSlug: communitySpace.slug,
			postId: communityNotification.postId,
			actorName: user.displayName,
			readAt: communityNotification.readAt,
			createdAt: communityNotification.createdAt
		})
		.from(communityNotification)
		.innerJoin(communityThread, eq(communityThread.id, communityNotification.threadId))
		.innerJoin(communitySpace, eq(communitySpace.id, communityThread.spaceId))
		.leftJoin(user, eq(user.id, communityNotification.actorId))
		.leftJoin(communityPost, eq(communityPost.id, communityNotification.postId))
		.where(
			and(
				eq(communityNotification.userId, actor.id),
				isNull(communityThread.deletedAt),
				eq(communityThread.hidden, false),
				sql`(${communityPost.id} is null or (${communityPost.deletedAt} is null and not ${communityPost.hidden}))`,
				readsSpace(sql`${actor.id}::uuid`, communitySpace.id)
			)
		)
		.orderBy(desc(communityNotification.createdAt), desc(communityNotification.id))
		.limit(limit);
	return ok(rows.map(({ readAt, ...r }) => ({ ...r, kind: r.kind as 'reply' | 'mention', read: readAt !== null })));
}

/** How many of the actor's notices are unread (the bell). */
export async function unreadCount(db: DbOrTx, actor: Actor): Promise<number> {
	if (!actor) return 0;
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(communityNotification)
		.where(and(eq(communityNotification.userId, actor.id), isNull(communityNotification.readAt)));
	return row?.n ?? 0;
}

/** Marks the actor's notices read: the ones named, or all. */
export async function markRead(db: DbOrTx, actor: Actor, ids: string[] | 'all'): Promise<Result> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	if (ids !== 'all' && (ids.length === 0 || !ids.every(isUuid))) return problem('invalid', { field: 'id', key: 'error_invalid' });
	await db.transaction(async (tx) => {
		const read = await tx
			.update(communityNotification)
			.set({ readAt: sql`now()` })
			.where(and(eq(communityNotification.userId, actor.id), isNull(communityNotification.readAt), ids === 'all' ? undefined : inArray(communityNotification.id, ids)))
			.returning({ id: communityNotification.id });
		// The bell on the person's other open pages goes down too.
		if (read.length > 0) await tellUnreadChanged(tx, [actor.id]);
	});
	return ok();
}

/** Marks the actor's notices about one thread read (they opened it). */
export async function markThreadRead(db: DbOrTx, actor: Actor, threadId: string): Promise<void> {
	if (!actor || !isUuid(threadId)) return;
	await db.transaction(async (tx) => {
		const read = await tx
			.update(communityNotification)
			.set({ readAt: sql`now()` })
			.where(and(eq(communityNotification.userId, actor.id), eq(communityNotification.threadId, threadId), isNull(communityNotification.readAt)))
			.returning({ id: communityNotification.id });
		if (read.length > 0) await tellUnreadChanged(tx, [actor.id]);
	});
}

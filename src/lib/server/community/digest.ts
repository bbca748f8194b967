// Community mail: the digest of unread replies and mentions (daily or weekly, per person, in their
// language), a mail at once for a mention if chosen, and the settings behind both — changed on the
// notifications page, or without signing in through the unsubscribe link every such mail carries.
import { eq, sql } from 'drizzle-orm';
import { BASE_LOCALE, isAppLocale, type AppLocale } from '../../i18n/locales.ts';
import type { DomainEvent, ScheduledJob } from '../capability.ts';
import { config } from '../config/index.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { communityPreference } from '../db/schema/community.ts';
import { sendMail } from '../mail/index.ts';
import { personByUnsubscribeToken, unsubscribePath, unsubscribeTokenFor } from '../mail/unsubscribe.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { COMMUNITY_MAILS, digestLine } from './mail.ts';
import { excerpt } from './markdown.ts';
import { readsSpace } from './notifications.ts';
export { MENTIONED } from './notifications.ts';

export const DIGEST_CHOICES = ['daily', 'weekly', 'off'] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];
export type MailSettings = { digest: DigestChoice; mentionMail: boolean };
const DEFAULT_SETTINGS: MailSettings = { digest: 'weekly', mentionMail: false };

/** The most notices one digest lists (the rest are counted). */
export const DIGEST_ITEMS = 20;
/** People served per sweep batch. */
const BATCH = 100;

const localeOf = (value: string): AppLocale => (isAppLocale(value) ? value : BASE_LOCALE);
const asChoice = (value: string | undefined): DigestChoice => (DIGEST_CHOICES as readonly string[]).includes(value ?? '') ? (value as DigestChoice) : 'weekly';

/** SQL: the interval a digest choice stands for (the preference row `p` may be missing). */
const PERIOD = sql.raw(`case when coalesce(p.digest, 'weekly') = 'daily' then interval '1 day' else interval '7 days' end`);

/** The person's mail settings (the defaults when they never chose). */
export async function mailSettings(db: DbOrTx, actor: Actor): Promise<Result<MailSettings>> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const [row] = await db.select({ digest: communityPreference.digest, mentionMail: communityPreference.mentionMail }).from(communityPreference).where(eq(communityPreference.userId, actor.id));
	return ok(row ? { digest: asChoice(row.digest), mentionMail: row.mentionMail } : DEFAULT_SETTINGS);
}

async function storeSettings(db: DbOrTx, userId: string, settings: MailSettings): Promise<void> {
	await db
		.insert(communityPreference)
		.values({ userId, ...settings })
		.onConflictDoUpdate({ target: communityPreference.userId, set: { ...settings, updatedAt: sql`now()` } });
}

/** Changes the signed-in person's mail settings. */
export async function setMailSettings(db: DbOrTx, actor: Actor, settings: MailSettings): Promise<Result> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	await storeSettings(db, actor.id, settings);
	return ok();
}

/** The community mail settings an unsubscribe link opens (mail/unsubscribe.ts), and the (partly hidden) address; not_found for any other token. */
export async function settingsByToken(db: DbOrTx, token: string): Promise<Result<MailSettings & { address: string }>> {
	const person = await personByUnsubscribeToken(db, token);
	if (!person) return problem('not_found');
	const [row] = await db.select({ digest: communityPreference.digest, mentionMail: communityPreference.mentionMail }).from(communityPreference).where(eq(communityPreference.userId, person.userId));
	return ok({ ...(row ? { digest: asChoice(row.digest), mentionMail: row.mentionMail } : DEFAULT_SETTINGS), address: person.address });
}

/** Changes the community mail settings an unsubscribe link opens (no sign-in: the token is the key). */
export async function setSettingsByToken(db: DbOrTx, token: string, settings: MailSettings): Promise<Result> {
	const person = await personByUnsubscribeToken(db, token);
	if (!person) return problem('not_found');
	await storeSettings(db, person.userId, settings);
	return ok();
}

type Notice = { id: string; kind: 'reply' | 'mention'; thread_id: string; thread_title: string; slug: string; space_title: string; actor_name: string | null };

/** The person's notices not yet read nor mailed (of `ids`, or all), about threads they can still read, oldest first. */
function pendingNotices(tx: DbOrTx, userId: string, locale: AppLocale, ids?: string[]) {
	return queryRows<Notice>(
		tx,
		sql`select n.id, n.kind, n.thread_id, t.title as thread_title, sp.slug, a.display_name as actor_name,
				coalesce(o.name, c.name,
					(select st.title from community_space_translation st where st.space_id = sp.id and st.locale = ${locale}),
					(select st.title from community_space_translation st where st.space_id = sp.id and st.locale = ${BASE_LOCALE}), sp.slug) as space_title
			from community_notification n
			join community_thread t on t.id = n.thread_id
			join community_space sp on sp.id = t.space_id
			left join organisation o on o.id = sp.organisation_id
			left join cohort c on c.id = sp.cohort_id
			left join app_user a on a.id = n.actor_id
			left join community_post po on po.id = n.post_id
			where n.user_id = ${userId} and n.read_at is null and n.mailed_at is null and n.kind in ('reply', 'mention')
				${ids ? sql`and n.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``}
				and t.deleted_at is null and not t.hidden and not t.held
				and (po.id is null or (po.deleted_at is null and not po.hidden and not po.held))
				and ${readsSpace(sql`${userId}::uuid`, sql`sp.id`)}
			order by n.created_at, n.id`
	);
}

/**
 * Sends the digests that are due: to everyone with unread, unmailed notices whose choice is not
 * 'off' and whose last digest is a day (daily) or a week (weekly, the default) old, or who never
 * had one. Each person is claimed with a conditional upsert of their last-digest time in the
 * transaction that queues the mail and marks the notices mailed, so two instances sweeping at once
 * send one digest. Returns how many were queued.
 */
export async function sendDueDigests(db: DbOrTx): Promise<number> {
	let sent = 0;
	for (let round = 0; round < 50; round++) {
		const due = await queryRows<{ id: string; email: string; locale: string }>(
			db,
			sql`select u.id, u.email, u.locale from app_user u
				left join community_preference p on p.user_id = u.id
				where u.disabled_at is null and u.email_verified_at is not null
					and coalesce(p.digest, 'weekly') <> 'off'
					and (p.last_digest_at is null or p.last_digest_at <= now() - ${PERIOD})
					and exists (select 1 from community_notification n where n.user_id = u.id and n.read_at is null and n.mailed_at is null and n.kind in ('reply', 'mention'))
				order by u.id limit ${BATCH}`
		);
		for (const person of due) if (await sendDigest(db, person)) sent++;
		if (due.length < BATCH) break;
	}
	return sent;
}

async function sendDigest(db: DbOrTx, person: { id: string; email: string; locale: string }): Promise<boolean> {
	const locale = localeOf(person.locale);
	return db.transaction(async (tx) => {
		const [claimed] = await queryRows<{ digest: string }>(
			tx,
			sql`insert into community_preference as p (user_id, last_digest_at) values (${person.id}, now())
				on conflict (user_id) do update set last_digest_at = now()
				where p.digest <> 'off' and (p.last_digest_at is null or p.last_digest_at <= now() - ${PERIOD})
				returning p.digest`
		);
		if (!claimed) return false;
		const notices = await pendingNotices(tx, person.id, locale);
		// Every pending notice counts as mailed, also those about threads gone from sight since.
		await tx.execute(sql`update community_notification set mailed_at = now() where user_id = ${person.id} and read_at is null and mailed_at is null and kind in ('reply', 'mention')`);
		if (notices.length === 0) return false;
		const lines = notices.slice(0, DIGEST_ITEMS).map((n) => digestLine(n, locale));
		await sendMail(tx, {
			to: person.email,
			locale,
			kind: 'community_digest',
			userId: person.id,
			link: `/${locale}/notifications`,
			unsubscribe: unsubscribePath(locale, await unsubscribeTokenFor(tx, person.id)),
			words: COMMUNITY_MAILS.community_digest(
				{ items: lines.join('\n'), more: notices.length > DIGEST_ITEMS ? String(notices.length - DIGEST_ITEMS) : '', period: asChoice(claimed.digest) },
				locale
			)
		});
		return true;
	});
}

/** The scheduled sweep (manifest `jobs`). */
export const DIGEST_JOB: ScheduledJob = { name: 'community-digest', everySeconds: () => config().digestSweepSeconds, run: async (db) => void (await sendDueDigests(db)) };

/**
 * After commit: a mail to each person mentioned who chose "mail me at once", in their language,
 * with the words that mention them. Idempotent: a notice is claimed (mailed_at set) in the
 * transaction that queues its mail.
 */
export async function mailMentions(db: DbOrTx, event: DomainEvent): Promise<void> {
	const { threadId, postId, userIds } = event.payload as { threadId: string; postId: string | null; userIds: string[] };
	const people = await queryRows<{ id: string; email: string; locale: string }>(
		db,
		sql`select u.id, u.email, u.locale from app_user u join community_preference p on p.user_id = u.id
			where u.id in (${sql.join(userIds.map((id) => sql`${id}::uuid`), sql`, `)}) and p.mention_mail and u.disabled_at is null and u.email_verified_at is not null`
	);
	for (const person of people) {
		const locale = localeOf(person.locale);
		await db.transaction(async (tx) => {
			const [notice] = await queryRows<{ id: string }>(
				tx,
				sql`select id from community_notification where user_id = ${person.id} and kind = 'mention' and thread_id = ${threadId}
					and post_id is not distinct from ${postId}::uuid and mailed_at is null and read_at is null for update skip locked`
			);
			if (!notice) return;
			const [shown] = await pendingNotices(tx, person.id, locale, [notice.id]);
			await tx.execute(sql`update community_notification set mailed_at = now() where id = ${notice.id}`);
			if (!shown) return;
			const [text] = await queryRows<{ body: string }>(
				tx,
				postId ? sql`select body from community_post where id = ${postId}` : sql`select body from community_thread where id = ${threadId}`
			);
			await sendMail(tx, {
				to: person.email,
				locale,
				kind: 'community_mention',
				userId: person.id,
				link: `/${locale}/community/${shown.slug}/${threadId}${postId ? `#post-${postId}` : ''}`,
				unsubscribe: unsubscribePath(locale, await unsubscribeTokenFor(tx, person.id)),
				words: COMMUNITY_MAILS.community_mention({ author: shown.actor_name ?? '', title: shown.thread_title, space: shown.space_title, excerpt: excerpt(text?.body ?? '', 400) }, locale)
			});
		});
	}
}

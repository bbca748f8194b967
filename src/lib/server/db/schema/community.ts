import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { user } from './accounts.ts';
import { cohort } from './learn.ts';
import { organisation } from './organisations.ts';
import { storedFile } from './files.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A place to talk. Public spaces (by country or topic) are shipped content with a title and
 * description per language; an organisation's or a cohort's private space is made the first time
 * one of its members opens it, and only its members see it.
 */
export const communitySpace = pgTable(
	'community_space',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		slug: text('slug').notNull().unique(),
		// 'public' | 'organisation' | 'cohort'
		kind: text('kind').notNull(),
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'cascade' }),
		cohortId: uuid('cohort_id').references(() => cohort.id, { onDelete: 'cascade' }),
		// A country space's ISO code (NO, CZ, SK, PL); null for topics and private spaces.
		country: text('country'),
		// The order of the public spaces on /community (the file's order).
		position: integer('position').notNull().default(0),
		importedHash: text('imported_hash'),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [
		index('community_space_kind_idx').on(t.kind, t.position),
		uniqueIndex('community_space_organisation_idx').on(t.organisationId),
		uniqueIndex('community_space_cohort_idx').on(t.cohortId)
	]
);

/** A public space's title and description in one language. */
export const communitySpaceTranslation = pgTable(
	'community_space_translation',
	{
		spaceId: uuid('space_id')
			.notNull()
			.references(() => communitySpace.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull()
	},
	(t) => [primaryKey({ columns: [t.spaceId, t.locale] })]
);

/**
 * A discussion: a title and an opening text (Markdown) in one language. The author goes with their
 * account (null: shown as "deleted member", the words stay). `held` threads wait for a moderator
 * (a new member's post with links); `hidden` ones were hidden by a moderator.
 */
export const communityThread = pgTable(
	'community_thread',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		spaceId: uuid('space_id')
			.notNull()
			.references(() => communitySpace.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id').references(() => user.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		body: text('body').notNull(),
		language: text('language').notNull(),
		locked: boolean('locked').notNull().default(false),
		hidden: boolean('hidden').notNull().default(false),
		held: boolean('held').notNull().default(false),
		deletedAt: stamp('deleted_at'),
		editedAt: stamp('edited_at'),
		lastActivityAt: stamp('last_activity_at').notNull().defaultNow(),
		replyCount: integer('reply_count').notNull().default(0),
		// The content page this thread is the discussion of (`<search type>:<path>`, e.g.
		// `glossary:/glossary/career-adaptability`); null for an ordinary thread.
		subject: text('subject'),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('community_thread_subject_idx').on(t.spaceId, t.subject).where(sql`subject is not null`),
		index('community_thread_space_idx').on(t.spaceId, t.lastActivityAt),
		index('community_thread_space_language_idx').on(t.spaceId, t.language, t.lastActivityAt),
		index('community_thread_author_idx').on(t.authorId)
	]
);

/** A reply in a thread; `parentId` names the reply it answers (one level of nesting is shown). */
export const communityPost = pgTable(
	'community_post',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		threadId: uuid('thread_id')
			.notNull()
			.references(() => communityThread.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id').references(() => user.id, { onDelete: 'set null' }),
		parentId: uuid('parent_id').references((): AnyPgColumn => communityPost.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		helpful: boolean('helpful').notNull().default(false),
		hidden: boolean('hidden').notNull().default(false),
		held: boolean('held').notNull().default(false),
		deletedAt: stamp('deleted_at'),
		editedAt: stamp('edited_at'),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [
		index('community_post_thread_idx').on(t.threadId, t.createdAt),
		index('community_post_author_idx').on(t.authorId, t.createdAt),
		index('community_post_parent_idx').on(t.parentId)
	]
);

/** What a thread's opening text or a reply said before an edit: the visible history. */
export const communityRevision = pgTable(
	'community_revision',
	{
		id: serial('id').primaryKey(),
		threadId: uuid('thread_id')
			.notNull()
			.references(() => communityThread.id, { onDelete: 'cascade' }),
		// Null: the thread's opening text (and title).
		postId: uuid('post_id').references(() => communityPost.id, { onDelete: 'cascade' }),
		editorId: uuid('editor_id').references(() => user.id, { onDelete: 'set null' }),
		title: text('title'),
		body: text('body').notNull(),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [index('community_revision_thread_idx').on(t.threadId, t.postId, t.createdAt)]
);

/** Whether a person follows a thread ('watch') or has silenced it ('mute'). */
export const communityWatch = pgTable(
	'community_watch',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		threadId: uuid('thread_id')
			.notNull()
			.references(() => communityThread.id, { onDelete: 'cascade' }),
		level: text('level').notNull(),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.threadId] }), index('community_watch_thread_idx').on(t.threadId, t.level)]
);

/** An in-app notice: a reply in a watched thread or a mention. One per person, kind and post. */
export const communityNotification = pgTable(
	'community_notification',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		// 'reply' | 'mention'
		kind: text('kind').notNull(),
		threadId: uuid('thread_id')
			.notNull()
			.references(() => communityThread.id, { onDelete: 'cascade' }),
		// Null: the thread's opening text.
		postId: uuid('post_id').references(() => communityPost.id, { onDelete: 'cascade' }),
		actorId: uuid('actor_id').references(() => user.id, { onDelete: 'set null' }),
		readAt: stamp('read_at'),
		mailedAt: stamp('mailed_at'),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [
		index('community_notification_user_idx').on(t.userId, t.readAt, t.createdAt),
		// The digest's sweep: notices nobody has read or been mailed yet.
		index('community_notification_pending_idx').on(t.userId, t.createdAt).where(sql`read_at is null and mailed_at is null`),
		unique('community_notification_once').on(t.userId, t.kind, t.threadId, t.postId).nullsNotDistinct()
	]
);

/** A reaction (one of a small fixed set) of a person to a thread's opening text (post null) or a reply. */
export const communityReaction = pgTable(
	'community_reaction',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		threadId: uuid('thread_id')
			.notNull()
			.references(() => communityThread.id, { onDelete: 'cascade' }),
		postId: uuid('post_id').references(() => communityPost.id, { onDelete: 'cascade' }),
		// 'like' | 'thanks' | 'insightful' | 'curious' (community/reactions.ts)
		reaction: text('reaction').notNull(),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [unique('community_reaction_once').on(t.userId, t.threadId, t.postId, t.reaction).nullsNotDistinct(), index('community_reaction_thread_idx').on(t.threadId)]
);

/** A member a moderator has barred from posting in a space until a time. */
export const communitySuspension = pgTable(
	'community_suspension',
	{
		spaceId: uuid('space_id')
			.notNull()
			.references(() => communitySpace.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		until: stamp('until').notNull(),
		suspendedBy: uuid('suspended_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.spaceId, t.userId] })]
);

/** A report of a thread or reply to the moderators, with a reason; resolved when they act. */
export const communityFlag = pgTable(
	'community_flag',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		threadId: uuid('thread_id')
			.notNull()
			.references(() => communityThread.id, { onDelete: 'cascade' }),
		postId: uuid('post_id').references(() => communityPost.id, { onDelete: 'cascade' }),
		reporterId: uuid('reporter_id').references(() => user.id, { onDelete: 'set null' }),
		// 'spam' | 'abusive' | 'off_topic' | 'personal_data' | 'other'
		reason: text('reason').notNull(),
		note: text('note').notNull().default(''),
		resolvedAt: stamp('resolved_at'),
		resolvedBy: uuid('resolved_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [index('community_flag_open_idx').on(t.resolvedAt, t.createdAt), index('community_flag_thread_idx').on(t.threadId)]
);

/** Text someone is writing (a new thread in a space, a reply in a thread), kept as they type. */
export const communityDraft = pgTable(
	'community_draft',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		// `space:<id>` or `thread:<id>`
		key: text('key').notNull(),
		title: text('title').notNull().default(''),
		body: text('body').notNull().default(''),
		updatedAt: stamp('updated_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.key] })]
);

/**
 * How a person wants community news by mail: a digest 'off', 'daily' or 'weekly' (the default), and
 * whether a mention is mailed at once. The key in every such mail's unsubscribe link is the person's
 * one token for all opt-out mail (`mail_unsubscribe`).
 */
export const communityPreference = pgTable('community_preference', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	digest: text('digest').notNull().default('weekly'),
	mentionMail: boolean('mention_mail').notNull().default(false),
	lastDigestAt: stamp('last_digest_at'),
	updatedAt: stamp('updated_at').notNull().defaultNow()
});

/**
 * An image a member uploaded to put in a post (served at /community/uploads/<file id>), its bytes in
 * `stored_file`. It belongs to the space it was uploaded in: whoever may read that space may see it.
 * The stored file has no owner (it stays with the discussion when its uploader leaves, as their words
 * do) unless they choose to remove their writing: then it goes (personal-data.ts). Its alt text and
 * size are kept for the export and for the `<img>` the renderer writes.
 */
export const communityUpload = pgTable(
	'community_upload',
	{
		fileId: uuid('file_id')
			.primaryKey()
			.references(() => storedFile.id, { onDelete: 'cascade' }),
		spaceId: uuid('space_id')
			.notNull()
			.references(() => communitySpace.id, { onDelete: 'cascade' }),
		uploaderId: uuid('uploader_id').references(() => user.id, { onDelete: 'set null' }),
		alt: text('alt').notNull(),
		width: integer('width'),
		height: integer('height'),
		createdAt: stamp('created_at').notNull().defaultNow()
	},
	(t) => [index('community_upload_uploader_idx').on(t.uploaderId), index('community_upload_space_idx').on(t.spaceId)]
);

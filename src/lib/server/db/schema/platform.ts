import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';

/**
 * A person's key for the unsubscribe links of the mail they may opt out of (community digest and
 * mentions, CPD reminders): one per person, made when the first such mail is sent; the link opens
 * that person's mail choices without signing in, and nothing else.
 */
export const mailUnsubscribe = pgTable('mail_unsubscribe', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	token: text('token').notNull().unique(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** Mail waiting to be sent, or kept as the outbox when no SMTP server is configured. */
export const mailOutbox = pgTable(
	'mail_outbox',
	{
		id: serial('id').primaryKey(),
		toAddress: text('to_address').notNull(),
		// The account it was sent to, when there is one, and the person whose action sent it (an
		// inviter): both go with the account, so an old address or an inviter's name is not left behind.
		userId: uuid('user_id').references(() => user.id, { onDelete: 'cascade' }),
		senderId: uuid('sender_id').references(() => user.id, { onDelete: 'cascade' }),
		subject: text('subject').notNull(),
		// The text and HTML hold MAIL_LINK_SLOT where the link goes; the link (its token is a
		// credential) is kept apart, only until the mail is delivered or MAIL_LINK_HOURS have passed.
		text: text('text').notNull(),
		html: text('html').notNull(),
		link: text('link'),
		// Where the recipient stops mail of this kind without signing in (List-Unsubscribe); none for
		// mail a person cannot opt out of (sign-in links, resets).
		unsubscribe: text('unsubscribe'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		error: text('error')
	},
	(t) => [
		index('mail_outbox_created_idx').on(t.createdAt),
		index('mail_outbox_to_idx').on(t.toAddress),
		index('mail_outbox_user_idx').on(t.userId),
		index('mail_outbox_sender_idx').on(t.senderId)
	]
);

/** Fixed-window counters shared by all app instances. */
export const rateLimit = pgTable('rate_limit', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});

/**
 * The fingerprint of the shipped content (and of the code that imports it) last imported in full:
 * a start whose fingerprint matches skips the import (one row, name 'content').
 */
export const importState = pgTable('import_state', {
	name: text('name').primaryKey(),
	fingerprint: text('fingerprint').notNull(),
	importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow()
});

/** Security events, kept for AUDIT_RETENTION_DAYS. The actor's id outlives their account, anonymised. */
export const auditEvent = pgTable(
	'audit_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: uuid('actor_id'),
		subjectId: uuid('subject_id'),
		event: text('event').notNull(),
		ip: text('ip'),
		detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>().notNull().default({})
	},
	(t) => [
		index('audit_event_at_idx').on(t.at),
		index('audit_event_actor_idx').on(t.actorId),
		index('audit_event_event_idx').on(t.event)
	]
);

/**
 * Domain events, written in the transaction that caused them (see events/emit.ts) and handled
 * after commit by the dispatcher (platform/events/). `pending` until every handler succeeded
 * (`done`) or the attempts ran out (`failed`, shown to admins with its error). An event with a
 * `channel` is also fanned out to realtime subscribers on every app instance; the table is what a
 * reconnecting stream replays from (Last-Event-ID).
 */
export const domainEvent = pgTable(
	'domain_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		type: text('type').notNull(),
		channel: text('channel'),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		status: text('status').$type<'pending' | 'done' | 'failed'>().notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		// When the event is next due: now for a new one, later after a failure (backoff) or while a
		// dispatcher holds it (a lease: if that instance dies, the event becomes due again).
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
		lastError: text('last_error'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		doneAt: timestamp('done_at', { withTimezone: true })
	},
	(t) => [
		check('domain_event_status_check', sql`${t.status} in ('pending', 'done', 'failed')`),
		index('domain_event_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
		index('domain_event_channel_idx').on(t.channel, t.id).where(sql`${t.channel} is not null`),
		index('domain_event_status_idx').on(t.status, t.createdAt)
	]
);

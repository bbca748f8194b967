import { bigserial, index, integer, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mail waiting to be sent, or kept as the outbox when no SMTP server is configured. */
export const mailOutbox = pgTable(
	'mail_outbox',
	{
		id: serial('id').primaryKey(),
		toAddress: text('to_address').notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		html: text('html').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		error: text('error')
	},
	(t) => [index('mail_outbox_created_idx').on(t.createdAt), index('mail_outbox_to_idx').on(t.toAddress)]
);

/** Fixed-window counters shared by all app instances. */
export const rateLimit = pgTable('rate_limit', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
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

import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';

/** A career guidance service, school or centre whose people work together on the platform. */
export const organisation = pgTable('organisation', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	sector: text('sector').notNull(),
	country: text('country').notNull(),
	languages: text('languages')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	description: text('description').notNull().default(''),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** Who belongs to an organisation, and as what: 'owner', 'leader' or 'member'. */
export const membership = pgTable(
	'membership',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role').notNull(),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		// Since when the member lets the organisation's leaders count their course progress (in
		// aggregate only); null: they do not.
		learningSharedAt: timestamp('learning_shared_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('membership_user_idx').on(t.userId)]
);

/**
 * An invitation mailed to an address. The id is the SHA-256 of the link's token (never stored).
 * `invited_by` has no foreign key on purpose: the invitation outlives the inviter's account.
 */
export const invitation = pgTable(
	'invitation',
	{
		id: text('id').primaryKey(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		// Stored lower-cased and trimmed, like app_user.email.
		email: text('email').notNull(),
		role: text('role').notNull(),
		invitedBy: uuid('invited_by'),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		declinedAt: timestamp('declined_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('invitation_organisation_idx').on(t.organisationId), index('invitation_email_idx').on(t.email)]
);

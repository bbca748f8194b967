import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A person with an account. Personal data lives here and is removed when they delete the account. */
export const user = pgTable(
	'app_user',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		// Stored lower-cased and trimmed: one account per address.
		email: text('email').notNull(),
		emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
		// Null until a password is set (an admin created by `npm run admin:create`).
		passwordHash: text('password_hash'),
		displayName: text('display_name').notNull(),
		locale: text('locale').notNull(),
		country: text('country').notNull(),
		sector: text('sector').notNull(),
		role: text('role').notNull().default('member'),
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		bio: text('bio').notNull().default(''),
		languages: text('languages')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		profileVisible: boolean('profile_visible').notNull().default(false),
		totpSecret: text('totp_secret'),
		totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
		// The 30-second time step of the last code accepted: a code is good once (no replay in its window).
		totpLastStep: bigint('totp_last_step', { mode: 'number' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('app_user_email_idx').on(t.email), index('app_user_role_idx').on(t.role)]
);

/** A signed-in browser. The id is the SHA-256 of the cookie's token; the token itself is never stored. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		// Idle expiry, pushed forward while the session is used; never beyond absoluteExpiresAt.
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
		// "Firefox on Linux": enough to recognise a device, nothing more.
		device: text('device').notNull().default(''),
		secondFactorVerified: boolean('second_factor_verified').notNull().default(false),
		// Set when the user's privileges change (a new role): the next request gets a new token. The
		// previous token still opens the session for a minute after (requests already on their way),
		// but is never renewed.
		rotate: boolean('rotate').notNull().default(false),
		previousId: text('previous_id'),
		rotatedAt: timestamp('rotated_at', { withTimezone: true })
	},
	(t) => [index('session_user_idx').on(t.userId), index('session_expires_idx').on(t.expiresAt), index('session_previous_idx').on(t.previousId)]
);

/** Single-use links sent by email (verify address, reset password, set first password). Hash only. */
export const emailToken = pgTable(
	'email_token',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		purpose: text('purpose').notNull(),
		newEmail: text('new_email'),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('email_token_user_idx').on(t.userId, t.purpose)]
);

/** One-time codes that stand in for the authenticator app. Hash only. */
export const recoveryCode = pgTable(
	'recovery_code',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(t) => [index('recovery_code_user_idx').on(t.userId)]
);

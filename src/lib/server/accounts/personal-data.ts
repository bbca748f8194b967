import { desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { PersonalData } from '../capability.ts';
import type { DbOrTx } from '../db/client.ts';
import { session, user } from '../db/schema/accounts.ts';
import { auditEvent, mailOutbox } from '../db/schema/platform.ts';

async function accountRow(db: DbOrTx, userId: string) {
	const [row] = await db.select().from(user).where(eq(user.id, userId));
	return row;
}

/**
 * What the accounts capability holds about a person. Secrets (password hash, second-factor
 * secret, token hashes) are described, not copied.
 */
export const ACCOUNT_DATA: readonly PersonalData[] = [
	{
		key: 'account',
		export: async (db, userId) => {
			const account = await accountRow(db, userId);
			return (
				account && {
					id: account.id,
					email: account.email,
					emailVerifiedAt: account.emailVerifiedAt,
					role: account.role,
					preferredLanguage: account.locale,
					createdAt: account.createdAt,
					updatedAt: account.updatedAt,
					passwordSet: account.passwordHash !== null,
					twoStepSignInSince: account.totpEnabledAt
				}
			);
		}
	},
	{
		key: 'profile',
		export: async (db, userId) => {
			const account = await accountRow(db, userId);
			return (
				account && {
					displayName: account.displayName,
					country: account.country,
					sector: account.sector,
					languages: account.languages,
					bio: account.bio,
					visibleToMembers: account.profileVisible
				}
			);
		}
	},
	{
		key: 'sessions',
		export: (db, userId) =>
			db
				.select({ device: session.device, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt })
				.from(session)
				.where(eq(session.userId, userId))
				.orderBy(desc(session.createdAt))
		// Sessions, email links and recovery codes go with the user row (ON DELETE CASCADE).
	},
	{
		key: 'securityEvents',
		export: (db, userId) =>
			db
				.select({ at: auditEvent.at, event: auditEvent.event, ip: auditEvent.ip })
				.from(auditEvent)
				.where(or(eq(auditEvent.actorId, userId), eq(auditEvent.subjectId, userId)))
				.orderBy(desc(auditEvent.at)),
		// The security log keeps the events (needed for others' security) but forgets their IP
		// addresses and details; the id that remains points to nobody, shown as "deleted user".
		erase: async (tx, person) => {
			await tx
				.update(auditEvent)
				.set({ ip: null, detail: sql`'{}'::jsonb` })
				.where(or(eq(auditEvent.actorId, person.id), eq(auditEvent.subjectId, person.id)));
		}
	},
	{
		// Mails to the account (at any of its addresses) and mails its actions sent to others.
		key: 'mails',
		export: async (db, userId) => {
			const account = await accountRow(db, userId);
			if (!account) return [];
			return db
				.select({ createdAt: mailOutbox.createdAt, to: mailOutbox.toAddress, subject: mailOutbox.subject, sentAt: mailOutbox.sentAt })
				.from(mailOutbox)
				.where(or(eq(mailOutbox.userId, userId), eq(mailOutbox.senderId, userId), eq(mailOutbox.toAddress, account.email)))
				.orderBy(desc(mailOutbox.createdAt));
		},
		// Rows linked to the account go with it (ON DELETE CASCADE); these are mails to its
		// addresses from before it was linked (an invitation before sign-up).
		erase: async (tx, person) => {
			if (person.addresses.length) await tx.delete(mailOutbox).where(inArray(sql`lower(${mailOutbox.toAddress})`, person.addresses.map((a) => a.toLowerCase())));
		}
	}
];

import { desc, eq, or, sql } from 'drizzle-orm';
import { audit } from '../audit/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { session, user } from '../db/schema/accounts.ts';
import { auditEvent, mailOutbox } from '../db/schema/platform.ts';
import { frameworkNodeRevision } from '../db/schema/frameworks.ts';
import { exportLearningData } from '../learn/progress/index.ts';
import { listMyOrganisations, organisationsOnlyOwnedBy } from '../organisations/service.ts';
import { verifyPassword } from './passwords.ts';

/** Version of the export format; the README documents every field. */
export const EXPORT_FORMAT = 'praxis-personal-data/1';

/**
 * Everything the platform holds about a person, as one JSON document (GDPR Art. 15 and 20).
 * Secrets (password hash, second-factor secret, token hashes) are described, not copied.
 */
export async function exportMyData(db: DbOrTx, userId: string, ip: string) {
	const [account] = await db.select().from(user).where(eq(user.id, userId));
	if (!account) return undefined;
	const sessions = await db
		.select({ device: session.device, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt })
		.from(session)
		.where(eq(session.userId, userId))
		.orderBy(desc(session.createdAt));
	const events = await db
		.select({ at: auditEvent.at, event: auditEvent.event, ip: auditEvent.ip })
		.from(auditEvent)
		.where(or(eq(auditEvent.actorId, userId), eq(auditEvent.subjectId, userId)))
		.orderBy(desc(auditEvent.at));
	const mails = await db
		.select({ createdAt: mailOutbox.createdAt, subject: mailOutbox.subject, sentAt: mailOutbox.sentAt })
		.from(mailOutbox)
		.where(eq(mailOutbox.toAddress, account.email))
		.orderBy(desc(mailOutbox.createdAt));
	const organisations = (await listMyOrganisations(db, userId)).map((o) => ({ id: o.id, name: o.name, role: o.role }));
	const contentRevisions = await db
		.select({ at: frameworkNodeRevision.createdAt, locale: frameworkNodeRevision.locale, title: frameworkNodeRevision.title })
		.from(frameworkNodeRevision)
		.where(eq(frameworkNodeRevision.editorId, userId))
		.orderBy(desc(frameworkNodeRevision.createdAt));
	const learning = await exportLearningData(db, userId);
	await audit(db, { event: 'data_exported', actorId: userId, subjectId: userId, ip });
	return {
		format: EXPORT_FORMAT,
		exportedAt: new Date().toISOString(),
		account: {
			id: account.id,
			email: account.email,
			emailVerifiedAt: account.emailVerifiedAt,
			role: account.role,
			preferredLanguage: account.locale,
			createdAt: account.createdAt,
			updatedAt: account.updatedAt,
			passwordSet: account.passwordHash !== null,
			twoStepSignInSince: account.totpEnabledAt
		},
		profile: {
			displayName: account.displayName,
			country: account.country,
			sector: account.sector,
			languages: account.languages,
			bio: account.bio,
			visibleToMembers: account.profileVisible
		},
		organisations,
		sessions,
		securityEvents: events,
		contentRevisions,
		learning,
		mails
	};
}

export type DeleteResult =
	| { ok: true }
	| { ok: false; error: 'wrong_password' }
	| { ok: false; error: 'sole_owner'; organisations: { id: string; name: string }[] };

/**
 * Deletes an account at once: personal data, sessions, links, memberships and the outbox's copies
 * of its mails.
 * The security log keeps the events (needed for others' security) but forgets their IP addresses;
 * the id that remains points to nobody, shown as "deleted user".
 */
export async function deleteAccount(db: DbOrTx, userId: string, password: string): Promise<DeleteResult> {
	const [found] = await db.select().from(user).where(eq(user.id, userId));
	if (!found || !(await verifyPassword(found.passwordHash, password))) return { ok: false, error: 'wrong_password' };
	// An organisation always has an owner: its only owner hands it over first.
	const owned = await organisationsOnlyOwnedBy(db, userId);
	if (owned.length) return { ok: false, error: 'sole_owner', organisations: owned };
	await db.transaction(async (tx) => {
		await tx.delete(mailOutbox).where(eq(mailOutbox.toAddress, found.email));
		await tx
			.update(auditEvent)
			.set({ ip: null, detail: sql`'{}'::jsonb` })
			.where(or(eq(auditEvent.actorId, userId), eq(auditEvent.subjectId, userId)));
		// Sessions, email links and recovery codes go with the row (ON DELETE CASCADE).
		await tx.delete(user).where(eq(user.id, userId));
		await audit(tx, { event: 'account_deleted', subjectId: userId });
	});
	return { ok: true };
}

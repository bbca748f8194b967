import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditEvent } from '../db/schema/platform.ts';

export type AuditEventName =
	| 'signup'
	| 'signin'
	| 'signin_failed'
	| 'signin_limited'
	| 'signout'
	| 'signout_everywhere'
	| 'session_revoked'
	| 'email_verified'
	| 'password_reset_requested'
	| 'password_reset'
	| 'password_changed'
	| 'email_change_requested'
	| 'email_changed'
	| 'totp_enabled'
	| 'totp_disabled'
	| 'role_changed'
	| 'account_disabled'
	| 'account_enabled'
	| 'invitation_sent'
	| 'invitation_revoked'
	| 'invitation_accepted'
	| 'invitation_declined'
	| 'organisation_created'
	| 'member_removed'
	| 'member_left'
	| 'ownership_transferred'
	| 'data_exported'
	| 'account_deleted'
	| 'admin_created';

export type AuditInput = {
	event: AuditEventName;
	actorId?: string | null;
	subjectId?: string | null;
	ip?: string | null;
	detail?: Record<string, string | number | boolean | null>;
};

/** Records a security event. Never put passwords, tokens or message contents in `detail`. */
export async function audit(db: DbOrTx, input: AuditInput): Promise<void> {
	await db.insert(auditEvent).values({
		event: input.event,
		actorId: input.actorId ?? null,
		subjectId: input.subjectId ?? null,
		ip: input.ip ?? null,
		detail: input.detail ?? {}
	});
}

/** The newest events, optionally of one kind, for the admin area. */
export async function listAuditEvents(db: DbOrTx, options: { event?: string; limit?: number } = {}) {
	return db
		.select()
		.from(auditEvent)
		.where(options.event ? eq(auditEvent.event, options.event) : undefined)
		.orderBy(desc(auditEvent.at), desc(auditEvent.id))
		.limit(options.limit ?? 200);
}

/** Deletes events older than the retention period; run at start-up and daily. */
export async function purgeAuditEvents(db: DbOrTx, retentionDays: number): Promise<void> {
	await db
		.delete(auditEvent)
		.where(and(lt(auditEvent.at, sql`now() - make_interval(days => ${retentionDays})`)));
}

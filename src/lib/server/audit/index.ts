import { desc, eq, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { user } from '../db/schema/accounts.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditEvent } from '../db/schema/platform.ts';

export type AuditInput = {
	/** One of the capabilities' `audit` names (platform/audit.ts; a test checks every call). */
	event: string;
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

const actor = alias(user, 'actor');
const subject = alias(user, 'subject');

/**
 * The newest events, optionally of one kind, for the admin area, with the people's addresses.
 * An id whose account is gone comes back with a null address: a deleted user.
 */
export async function listAuditEvents(db: DbOrTx, options: { event?: string; limit?: number } = {}) {
	return db
		.select({
			id: auditEvent.id,
			at: auditEvent.at,
			event: auditEvent.event,
			ip: auditEvent.ip,
			actorId: auditEvent.actorId,
			actorEmail: actor.email,
			subjectId: auditEvent.subjectId,
			subjectEmail: subject.email
		})
		.from(auditEvent)
		.leftJoin(actor, eq(actor.id, auditEvent.actorId))
		.leftJoin(subject, eq(subject.id, auditEvent.subjectId))
		.where(options.event ? eq(auditEvent.event, options.event) : undefined)
		.orderBy(desc(auditEvent.at), desc(auditEvent.id))
		.limit(options.limit ?? 200);
}

/** Deletes events older than the retention period; run at start-up and daily. */
export async function purgeAuditEvents(db: DbOrTx, retentionDays: number): Promise<void> {
	await db
		.delete(auditEvent)
		.where(lt(auditEvent.at, sql`now() - make_interval(days => ${retentionDays})`));
}

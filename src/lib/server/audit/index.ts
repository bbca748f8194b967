import { desc, eq, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { user } from '../db/schema/accounts.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditEvent } from '../db/schema/platform.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';

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

const actorUser = alias(user, 'actor');
const subjectUser = alias(user, 'subject');

export type AuditRow = {
	id: number;
	at: Date;
	event: string;
	ip: string | null;
	actorId: string | null;
	actorEmail: string | null;
	subjectId: string | null;
	subjectEmail: string | null;
};

/**
 * The newest events, optionally of one kind, for the admin area, with the people's addresses.
 * An id whose account is gone comes back with a null address: a deleted user. Admins only.
 */
export async function listAuditEvents(db: DbOrTx, actor: Actor, options: { event?: string; limit?: number } = {}): Promise<Result<AuditRow[]>> {
	if (!can(actor, 'admin:audit')) return problem('forbidden');
	const rows = await db
		.select({
			id: auditEvent.id,
			at: auditEvent.at,
			event: auditEvent.event,
			ip: auditEvent.ip,
			actorId: auditEvent.actorId,
			actorEmail: actorUser.email,
			subjectId: auditEvent.subjectId,
			subjectEmail: subjectUser.email
		})
		.from(auditEvent)
		.leftJoin(actorUser, eq(actorUser.id, auditEvent.actorId))
		.leftJoin(subjectUser, eq(subjectUser.id, auditEvent.subjectId))
		.where(options.event ? eq(auditEvent.event, options.event) : undefined)
		.orderBy(desc(auditEvent.at), desc(auditEvent.id))
		.limit(options.limit ?? 200);
	return ok(rows);
}

/** Deletes events older than the retention period; run at start-up and daily. */
export async function purgeAuditEvents(db: DbOrTx, retentionDays: number): Promise<void> {
	await db
		.delete(auditEvent)
		.where(lt(auditEvent.at, sql`now() - make_interval(days => ${retentionDays})`));
}

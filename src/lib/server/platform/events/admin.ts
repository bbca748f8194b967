import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { domainEvent } from '../../db/schema/platform.ts';
import { EVENTS_CHANNEL } from '../../events/index.ts';
import { can, type Actor } from '../../policies/index.ts';
import { ok, problem, type Result } from '../../result/index.ts';

export type EventRow = {
	id: number;
	type: string;
	status: 'pending' | 'done' | 'failed';
	attempts: number;
	lastError: string | null;
	createdAt: Date;
	nextAttemptAt: Date;
};

const columns = {
	id: domainEvent.id,
	type: domainEvent.type,
	status: domainEvent.status,
	attempts: domainEvent.attempts,
	lastError: domainEvent.lastError,
	createdAt: domainEvent.createdAt,
	nextAttemptAt: domainEvent.nextAttemptAt
};

/** Events that failed for good, and those still waiting for a retry after an error (admins only). */
export async function listEvents(db: DbOrTx, actor: Actor, limit = 100): Promise<Result<{ failed: EventRow[]; retrying: EventRow[] }>> {
	if (!can(actor, 'admin:outbox')) return problem('forbidden');
	const failed = await db.select(columns).from(domainEvent).where(eq(domainEvent.status, 'failed')).orderBy(desc(domainEvent.id)).limit(limit);
	const retrying = await db
		.select(columns)
		.from(domainEvent)
		.where(and(eq(domainEvent.status, 'pending'), sql`${domainEvent.lastError} is not null`))
		.orderBy(desc(domainEvent.id))
		.limit(limit);
	return ok({ failed, retrying });
}

/** Puts a failed event back in the queue with fresh attempts, and wakes the dispatchers (admins only). */
export async function retryEvent(db: DbOrTx, actor: Actor, id: number): Promise<Result> {
	if (!can(actor, 'admin:outbox')) return problem('forbidden');
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(domainEvent)
			.set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()` })
			.where(and(eq(domainEvent.id, id), eq(domainEvent.status, 'failed')))
			.returning({ id: domainEvent.id });
		if (!rows.length) return problem('not_found', { field: 'event', key: 'admin_events_not_failed' });
		await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${String(id)})`);
		return ok();
	});
}

/**
 * Deletes handled events older than `days` (housekeeping). Failed ones stay until an admin retries
 * them; recent done ones stay so that a reconnecting stream can replay what it missed.
 */
export async function purgeEvents(db: DbOrTx, days = 7): Promise<void> {
	await db.delete(domainEvent).where(and(eq(domainEvent.status, 'done'), lt(domainEvent.createdAt, sql`now() - make_interval(days => ${days})`)));
}

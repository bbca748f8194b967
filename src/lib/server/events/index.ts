// Emitting domain events: low level (imports no capability), so mail/ and every capability can
// emit. The dispatcher that handles them after commit is platform/events/.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { domainEvent } from '../db/schema/platform.ts';

/** The NOTIFY channel that wakes every dispatcher; it carries only an event's id. */
export const EVENTS_CHANNEL = 'praxis_events';

/**
 * An event to emit: its `type` (`capability.what_happened`, e.g. `mail.send`), a small JSON
 * `payload` (ids rather than copies of rows: handlers read the current state), and optionally a
 * realtime `channel` (e.g. `cohort:<id>`) whose subscribers on every instance receive it.
 */
export type NewEvent = { type: string; payload?: Record<string, unknown>; channel?: string };

/**
 * Writes the event in the caller's transaction and notifies the dispatchers. Nothing happens
 * until the transaction commits (PostgreSQL delivers NOTIFY on commit), and a rollback takes the
 * event with it. Returns the event's id.
 */
export async function emit(tx: DbOrTx, event: NewEvent): Promise<number> {
	// The channel travels in a NOTIFY payload (at most 8000 bytes) beside the id.
	if (event.channel !== undefined && (event.channel.length === 0 || event.channel.length > 200)) throw new Error(`Invalid realtime channel: ${event.channel}`);
	const [row] = await tx
		.insert(domainEvent)
		.values({ type: event.type, channel: event.channel ?? null, payload: event.payload ?? {} })
		.returning({ id: domainEvent.id });
	const id = row!.id;
	await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${String(id)})`);
	return id;
}

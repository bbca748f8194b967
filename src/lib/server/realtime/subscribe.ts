import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { EventHandler } from '../capability.ts';
import type { Database, DbOrTx, Unlisten } from '../db/client.ts';
import { domainEvent } from '../db/schema/platform.ts';
import { logger } from '../log/index.ts';

/** The NOTIFY channel that fans an event out to every instance: `<event id>:<realtime channel>`. */
export const REALTIME_CHANNEL = 'praxis_realtime';

/** An event as a realtime subscriber receives it, read from the events table. */
export type RealtimeEvent = { id: number; type: string; channel: string; payload: Record<string, unknown>; createdAt: Date };
export type RealtimeListener = (event: RealtimeEvent) => void;

const listeners = new Map<string, Set<RealtimeListener>>();
let database: Database | undefined;
let unlisten: Unlisten | undefined;

const columns = { id: domainEvent.id, type: domainEvent.type, channel: domainEvent.channel, payload: domainEvent.payload, createdAt: domainEvent.createdAt };

async function deliver(payload: string): Promise<void> {
	const colon = payload.indexOf(':');
	const id = Number(payload.slice(0, colon));
	const channel = payload.slice(colon + 1);
	const local = listeners.get(channel);
	if (!local?.size || !database || !Number.isSafeInteger(id)) return;
	// NOTIFY carries only the id; the row is the truth (and NOTIFY's 8 KB would not hold a payload).
	const [row] = await database.db.select(columns).from(domainEvent).where(eq(domainEvent.id, id));
	if (!row?.channel) return;
	const event = { ...row, channel: row.channel };
	for (const listener of listeners.get(channel) ?? []) {
		try {
			listener(event);
		} catch (error) {
			logger.warn({ event: 'realtime_listener_failed', err: (error as Error).message }, 'a realtime listener failed');
		}
	}
}

/** Starts receiving this instance's share of the fan-out (startApp calls it). */
export async function startRealtime(opened: Database): Promise<void> {
	database = opened;
	unlisten = await opened.listen(REALTIME_CHANNEL, (payload) => {
		deliver(payload).catch((error: Error) => logger.warn({ event: 'realtime_failed', err: error.message }, 'realtime delivery failed'));
	});
}

/** Stops receiving (stopApp calls it, after closing the streams). */
export async function stopRealtime(): Promise<void> {
	const stop = unlisten;
	unlisten = undefined;
	database = undefined;
	await stop?.().catch(() => {});
}

/**
 * Calls `listener` with every event emitted on `channel` (e.g. `cohort:<id>`) from now on, by any
 * app instance, once its transaction committed. Returns the function that unsubscribes. At least
 * once: a retried fan-out can repeat an event (same id).
 */
export function subscribe(channel: string, listener: RealtimeListener): () => void {
	let set = listeners.get(channel);
	if (!set) listeners.set(channel, (set = new Set()));
	set.add(listener);
	return () => {
		set.delete(listener);
		if (!set.size && listeners.get(channel) === set) listeners.delete(channel);
	};
}

/** The events of a channel after `afterId`, oldest first: what a reconnecting stream missed. */
export async function eventsAfter(db: DbOrTx, channel: string, afterId: number, limit = 500): Promise<RealtimeEvent[]> {
	const rows = await db
		.select(columns)
		.from(domainEvent)
		.where(and(eq(domainEvent.channel, channel), gt(domainEvent.id, afterId)))
		.orderBy(asc(domainEvent.id))
		.limit(limit);
	return rows.map((r) => ({ ...r, channel }));
}

/**
 * The dispatcher's fan-out step for an event with a channel: tells every instance (this one too)
 * its id, after commit. Idempotent for subscribers, which may see an id twice.
 */
export const fanOut: EventHandler = async (db, event) => {
	const channel = (event as { channel?: string | null }).channel;
	if (!channel) return;
	await db.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${`${event.id}:${channel}`})`);
};

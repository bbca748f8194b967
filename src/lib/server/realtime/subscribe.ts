import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
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

/** What a fan-out NOTIFY carries: the event as JSON, or `<id>:<channel>` when that would not fit. */
type Message = { id: number; type: string; channel: string; payload: Record<string, unknown>; createdAt: string };

async function deliver(message: string): Promise<void> {
	let event: RealtimeEvent | undefined;
	if (message.startsWith('{')) {
		const m = JSON.parse(message) as Message;
		if (!listeners.get(m.channel)?.size) return;
		event = { id: Number(m.id), type: m.type, channel: m.channel, payload: m.payload ?? {}, createdAt: new Date(m.createdAt) };
	} else {
		const colon = message.indexOf(':');
		const id = Number(message.slice(0, colon));
		const channel = message.slice(colon + 1);
		if (!listeners.get(channel)?.size || !database || !Number.isSafeInteger(id)) return;
		// Too large for NOTIFY's 8000 bytes: the row is the truth.
		const [row] = await database.db.select(columns).from(domainEvent).where(eq(domainEvent.id, id));
		if (!row?.channel) return;
		event = { ...row, channel: row.channel };
	}
	for (const listener of listeners.get(event.channel) ?? []) {
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
 * The fan-out: a statement that tells every instance (this one too) about the `domain_event`
 * rows of the query `rows` (columns id, type, channel, payload, created_at) that have a channel,
 * oldest first. Each NOTIFY carries the whole event when it fits in NOTIFY's 8000 bytes, so that
 * no instance has to read it back; otherwise its id. The dispatcher runs it after an event's
 * handlers, in the statement that marks the event done (platform/events/dispatcher.ts), so a
 * subscriber hears of an event once its side effects (a search index update) are in place.
 * Idempotent for subscribers, which may see an id twice.
 */
export function fanOut(rows: SQL): SQL {
	return sql`select pg_notify(${REALTIME_CHANNEL}, case when octet_length(m.j) < 7900 then m.j else e.id || ':' || e.channel end)
		from (select * from ${rows} where channel is not null order by id) e,
		lateral (select json_build_object('id', e.id, 'type', e.type, 'channel', e.channel, 'payload', e.payload, 'createdAt', e.created_at)::text as j) m`;
}

import { sql } from 'drizzle-orm';
import type { DomainEvent, EventHandler } from '../../capability.ts';
import { queryRows, type Database, type DbOrTx, type Unlisten } from '../../db/client.ts';
import { EVENTS_CHANNEL } from '../../events/index.ts';
import { logger } from '../../log/index.ts';
import { fanOut } from '../../realtime/index.ts';

/** An event as the dispatcher claimed it: a `DomainEvent` plus its realtime channel and attempt number. */
export type ClaimedEvent = DomainEvent & { channel: string | null; attempts: number };

export type DispatcherOptions = {
	/** The handlers of an event (none: it is simply marked done). */
	handlersOf: (event: ClaimedEvent) => readonly EventHandler[];
	/** How often to look for due events without a NOTIFY (retries, missed notifications). */
	pollMs?: number;
	/** Events claimed at once; they are handled concurrently (those without handlers in one statement). */
	batch?: number;
	/** After this many failed attempts an event is `failed` and waits for an admin. */
	maxAttempts?: number;
	/** The wait before attempt `n + 1` after `n` failures. */
	backoffMs?: (attempts: number) => number;
	/** How long a claimed event is held; if this instance dies, it becomes due again after it. */
	leaseMs?: number;
	/**
	 * How long `stop` waits for the handlers in hand (a shutdown must not hang on a slow SMTP
	 * server); what is unfinished then is done again, by any instance, once its lease runs out.
	 */
	stopWaitMs?: number;
};

export type Dispatcher = {
	/** Handles every event due now (and those that become due meanwhile); for tests and scripts. */
	drain: () => Promise<void>;
	/** Stops listening and polling and waits (a little) for the events in hand. */
	stop: () => Promise<void>;
};

/** 2 s, 4 s, 8 s … up to an hour. */
export const exponentialBackoff = (attempts: number): number => Math.min(2000 * 2 ** (attempts - 1), 3_600_000);

type Row = { id: string | number; type: string; channel: string | null; payload: Record<string, unknown>; attempts: number; created_at: string | Date };

/** Claims up to `batch` due events, taking a lease on them; other dispatchers skip locked rows. */
async function claim(db: DbOrTx, batch: number, leaseMs: number): Promise<ClaimedEvent[]> {
	const rows = await queryRows<Row>(
		db,
		sql`update domain_event e
			set attempts = e.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
			where e.id in (
				select id from domain_event
				where status = 'pending' and next_attempt_at <= now()
				order by next_attempt_at, id
				limit ${batch}
				for update skip locked
			)
			returning e.id, e.type, e.channel, e.payload, e.attempts, e.created_at`
	);
	return rows
		.map((r) => ({ id: Number(r.id), type: r.type, channel: r.channel, payload: r.payload, attempts: r.attempts, createdAt: new Date(r.created_at) }))
		.sort((a, b) => a.id - b.id);
}

/**
 * The after-commit half of domain events, one per app instance: woken by NOTIFY on
 * `praxis_events` and by a poll, it claims due events (`FOR UPDATE SKIP LOCKED`, so instances
 * share the work), runs their handlers, and marks them done, or records the error and tries again
 * later with exponential backoff, until `maxAttempts` make the event `failed`. Delivery is at least
 * once (a crash after a side effect and before `done` repeats it): handlers must be idempotent.
 */
export async function startDispatcher(database: Database, options: DispatcherOptions): Promise<Dispatcher> {
	const { handlersOf, pollMs = 3000, batch = 50, maxAttempts = 8, backoffMs = exponentialBackoff, leaseMs = 300_000, stopWaitMs = 2000 } = options;
	const db = database.db;
	let stopped = false;
	let running: Promise<void> | undefined;
	let again = false;

	/** Marks events done and fans those with a channel out to every instance, in one statement. */
	async function finish(ids: number[]): Promise<void> {
		if (!ids.length) return;
		await db.execute(sql`with done as (
				update domain_event set status = 'done', done_at = now(), last_error = null
				where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
				returning id, type, channel, payload, created_at
			) ${fanOut(sql`done`)}`);
	}

	async function handle(event: ClaimedEvent, handlers: readonly EventHandler[]): Promise<void> {
		try {
			for (const handler of handlers) await handler(db, event);
			await finish([event.id]);
		} catch (error) {
			const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000) || 'error';
			const failed = event.attempts >= maxAttempts;
			logger[failed ? 'error' : 'warn']({ event: 'event_failed', eventId: event.id, type: event.type, attempts: event.attempts, err: message }, failed ? 'event failed for good' : 'event failed; will retry');
			await db.execute(
				failed
					? sql`update domain_event set status = 'failed', last_error = ${message} where id = ${event.id}`
					: sql`update domain_event set last_error = ${message}, next_attempt_at = now() + make_interval(secs => ${backoffMs(event.attempts) / 1000}) where id = ${event.id}`
			);
		}
	}

	async function run(): Promise<void> {
		for (;;) {
			if (stopped) return;
			const events = await claim(db, batch, leaseMs);
			if (!events.length) return;
			// Most events only need their fan-out (a live session's answers): one statement for all.
			const plain: number[] = [];
			const handled: Promise<void>[] = [];
			for (const event of events) {
				const handlers = handlersOf(event);
				if (handlers.length) handled.push(handle(event, handlers));
				else plain.push(event.id);
			}
			await Promise.all([finish(plain), ...handled]);
		}
	}

	/** Runs the loop, or asks the running one to go round once more when it ends. */
	function wake(): Promise<void> {
		if (running) {
			again = true;
			return running;
		}
		again = false;
		running = run()
			.catch((error: Error) => logger.warn({ event: 'dispatch_failed', err: error.message }, 'event dispatch failed'))
			.finally(() => {
				running = undefined;
				if (again && !stopped) void wake();
			});
		return running;
	}

	const unlisten: Unlisten = await database.listen(EVENTS_CHANNEL, () => void wake());
	const poll = setInterval(() => void wake(), pollMs);
	poll.unref();
	void wake();

	return {
		async drain() {
			await wake();
			// A wake that arrived during the last pass started another one.
			while (running) await running;
		},
		async stop() {
			stopped = true;
			clearInterval(poll);
			await unlisten().catch(() => {});
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([running, new Promise((resolve) => (timer = setTimeout(resolve, stopWaitMs)))]);
			clearTimeout(timer);
		}
	};
}

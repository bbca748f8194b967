import pg from 'pg';
import { logger } from '../log/index.ts';

/** Stops one listener; resolves when PostgreSQL no longer sends it anything. */
export type Unlisten = () => Promise<void>;
type Listener = (payload: string) => void;

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks a LISTEN channel name (it goes into SQL as an identifier). */
export function checkChannel(channel: string): void {
	if (!CHANNEL.test(channel)) throw new Error(`Invalid LISTEN channel: ${channel}`);
}

/**
 * LISTEN for node-postgres. A pooled client may be handed to someone else, so this keeps one
 * dedicated client outside the pool, opened on the first listen. When the connection breaks it
 * reconnects (backing off up to 5 s) and LISTENs again on every channel; notifications sent while
 * it was away are lost, which is why the dispatcher also polls and the events table, not NOTIFY,
 * is what streams replay from.
 */
export function postgresListener(url: string): { listen: (channel: string, onPayload: Listener) => Promise<Unlisten>; close: () => Promise<void> } {
	const listeners = new Map<string, Set<Listener>>();
	let client: pg.Client | undefined;
	let connecting: Promise<pg.Client> | undefined;
	let retry: NodeJS.Timeout | undefined;
	let delay = 500;
	let closed = false;

	function connect(): Promise<pg.Client> {
		connecting ??= (async () => {
			const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5000 });
			c.on('notification', (n) => {
				for (const listener of listeners.get(n.channel) ?? []) listener(n.payload ?? '');
			});
			c.on('error', (error) => broken(c, error));
			c.on('end', () => broken(c));
			try {
				await c.connect();
				for (const channel of listeners.keys()) await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
			} catch (error) {
				connecting = undefined;
				await c.end().catch(() => {});
				throw error;
			}
			if (closed) {
				await c.end().catch(() => {});
				throw new Error('The listener is closed');
			}
			client = c;
			delay = 500;
			return c;
		})();
		return connecting;
	}

	function broken(c: pg.Client, error?: Error): void {
		if (client !== c) return;
		client = undefined;
		connecting = undefined;
		void c.end().catch(() => {});
		if (closed) return;
		logger.warn({ event: 'listen_reconnect', err: error?.message }, 'LISTEN connection lost; reconnecting');
		scheduleReconnect();
	}

	function scheduleReconnect(): void {
		if (closed || retry) return;
		retry = setTimeout(() => {
			retry = undefined;
			connect().catch(() => {
				delay = Math.min(delay * 2, 5000);
				scheduleReconnect();
			});
		}, delay);
		retry.unref();
	}

	return {
		async listen(channel, onPayload) {
			checkChannel(channel);
			let set = listeners.get(channel);
			const first = !set;
			if (!set) listeners.set(channel, (set = new Set()));
			set.add(onPayload);
			// A new channel on a live connection needs its own LISTEN; a (re)connect LISTENs on all.
			const c = client ?? (await connect());
			if (first && c === client) await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
			return async () => {
				set.delete(onPayload);
				if (set.size || listeners.get(channel) !== set) return;
				listeners.delete(channel);
				await client?.query(`UNLISTEN ${client.escapeIdentifier(channel)}`).catch(() => {});
			};
		},
		async close() {
			closed = true;
			clearTimeout(retry);
			listeners.clear();
			const c = client;
			client = undefined;
			await c?.end().catch(() => {});
		}
	};
}

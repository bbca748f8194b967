import type { DbOrTx } from '../db/client.ts';
import { registerStream } from './streams.ts';
import { eventsAfter, subscribe, type RealtimeEvent } from './subscribe.ts';

/**
 * A signed-in person's own channel: what is for them alone (the bell's unread count). Only a
 * stream opened with that person's session carries it (`personal` below), never one named by a
 * request.
 */
export const personChannel = (userId: string) => `person:${userId}`;

export type EventStreamOptions = {
	/** The realtime channel to stream, e.g. `cohort:<id>`; the caller has checked the reader may. */
	channel: string;
	/** What the client receives as `data` (JSON); by default the event's payload. */
	data?: (event: RealtimeEvent) => unknown;
	/** Which of the channel's events this reader gets (default: all), e.g. only state changes. */
	only?: (event: RealtimeEvent) => boolean;
	/**
	 * The signed-in reader's id, taken from their session (`locals.user`), never from the request:
	 * their own channel (`personChannel`) rides on this stream too, so that a page needs one
	 * stream for its own events and the header's bell. Its events reach the client as emitted
	 * (`data` and `only` apply to `channel` alone). Without it the stream carries `channel` only.
	 */
	personal?: string | null;
	/** A comment line this often keeps proxies and the browser from timing the stream out. */
	heartbeatMs?: number;
	/** How long the browser waits before reconnecting after the stream ends. */
	retryMs?: number;
};

const encoder = new TextEncoder();

/** The id a reconnecting EventSource sends (`Last-Event-ID`), if it is one of ours. */
function lastEventId(request: Request): number | undefined {
	const raw = request.headers.get('last-event-id');
	if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
	return Number(raw);
}

/**
 * A `text/event-stream` response with the events of one channel from now on, each with `id:`
 * (the event's id) so that a browser reconnecting with `Last-Event-ID` first gets what it missed,
 * replayed from the events table. Sends a heartbeat comment every 15 s, ends when the client goes
 * away or the process shuts down (`closeAll`), and does not repeat an id within one stream.
 */
export function eventStream(db: DbOrTx, request: Request, options: EventStreamOptions): Response {
	const { channel, data = (e) => e.payload, only = () => true, heartbeatMs = 15_000, retryMs = 3000 } = options;
	const own = options.personal ? personChannel(options.personal) : undefined;
	const channels = own && own !== channel ? [channel, own] : [channel];
	const isOwn = (e: RealtimeEvent) => own !== undefined && e.channel === own && own !== channel;
	const resumeAfter = lastEventId(request);
	let cleanup = () => {};

	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			let open = true;
			const seen = new Set<number>();
			let backlog: RealtimeEvent[] | undefined = resumeAfter === undefined ? undefined : [];
			const write = (text: string) => {
				if (!open) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					close();
				}
			};
			const send = (e: RealtimeEvent) => {
				// A repeated fan-out, or a live event also found by the replay, is sent once.
				if (seen.has(e.id) || !(isOwn(e) || only(e))) return;
				seen.add(e.id);
				if (seen.size > 1000) seen.delete(seen.values().next().value!);
				write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify((isOwn(e) ? e.payload : data(e)) ?? null)}\n\n`);
			};
			const listener = (e: RealtimeEvent) => (backlog ? backlog.push(e) : send(e));
			const unsubscribes = channels.map((c) => subscribe(c, listener));
			const unsubscribe = () => unsubscribes.forEach((u) => u());
			const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
			const unregister = registerStream(() => close());
			function close() {
				if (!open) return;
				open = false;
				clearInterval(heartbeat);
				unsubscribe();
				unregister();
				request.signal.removeEventListener('abort', close);
				try {
					controller.close();
				} catch {
					// The client already went.
				}
			}
			cleanup = close;
			request.signal.addEventListener('abort', close);
			if (request.signal.aborted) return close();
			write(`retry: ${retryMs}\n: connected\n\n`);
			if (resumeAfter !== undefined) {
				// Live events that arrive while the missed ones are read wait in the backlog.
				// Event ids grow across channels, so one Last-Event-ID resumes them all.
				Promise.all(channels.map((c) => eventsAfter(db, c, resumeAfter)))
					.then((lists) => {
						for (const e of lists.flat().sort((a, b) => a.id - b.id)) send(e);
						for (const e of backlog ?? []) send(e);
						backlog = undefined;
					})
					.catch(() => close());
			}
		},
		cancel() {
			cleanup();
		}
	});

	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// nginx and similar proxies would otherwise buffer the stream.
			'x-accel-buffering': 'no'
		}
	});
}

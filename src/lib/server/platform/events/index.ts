// Domain events, the platform's half: which handlers an event gets (the capabilities' manifests
// plus the platform's own), and starting the dispatcher and the realtime fan-out with the app.
// Emitting is events/index.ts (low level); the how-to is README.md beside this file.
import { CAPABILITIES } from '../../capabilities.ts';
import type { EventHandler } from '../../capability.ts';
import type { Database } from '../../db/client.ts';
import { clearLearnCache, LEARN_CACHE_CHANNEL } from '../../learn/catalogue/index.ts';
import { deliverMail, MAIL_SEND } from '../../mail/index.ts';
import { CONTENT_CHANNEL, SEARCH_INDEX } from '../../search/index.ts';
import { clearPageCache } from '../../http/page-cache.ts';
import { forgetContent } from '../content.ts';
import { indexSearchItem } from '../search.ts';
import { startRealtime, stopRealtime, subscribe } from '../../realtime/index.ts';
import { startDispatcher, type ClaimedEvent, type Dispatcher, type DispatcherOptions } from './dispatcher.ts';

export { startDispatcher, exponentialBackoff, type ClaimedEvent, type Dispatcher, type DispatcherOptions } from './dispatcher.ts';
export { listEvents, retryEvent, purgeEvents, type EventRow } from './admin.ts';

const list = (h: EventHandler | readonly EventHandler[] | undefined): readonly EventHandler[] => (h === undefined ? [] : Array.isArray(h) ? h : [h as EventHandler]);

/** The platform's own handlers: side effects of low-level modules, which import no capability. */
const PLATFORM_HANDLERS: Readonly<Record<string, readonly EventHandler[]>> = {
	[MAIL_SEND]: [(db, event) => deliverMail(db, Number(event.payload.mailId))],
	[SEARCH_INDEX]: [(db, event) => indexSearchItem(db, String(event.payload.ref))]
};

/** Every handler by event type: the platform's, then each capability's in the list's order. */
function handlerTable(): Map<string, EventHandler[]> {
	const table = new Map<string, EventHandler[]>();
	const add = (type: string, handlers: readonly EventHandler[]) => table.set(type, [...(table.get(type) ?? []), ...handlers]);
	for (const [type, handlers] of Object.entries(PLATFORM_HANDLERS)) add(type, handlers);
	for (const capability of CAPABILITIES) for (const [type, handlers] of Object.entries(capability.events ?? {})) add(type, list(handlers));
	return table;
}

/**
 * The handlers the dispatcher runs for one event: its type's. An event with a channel is fanned
 * out to its subscribers by the dispatcher itself, once these have run.
 */
export function handlersOf(table = handlerTable()): (event: ClaimedEvent) => readonly EventHandler[] {
	const none: readonly EventHandler[] = [];
	return (event) => table.get(event.type) ?? none;
}

export type Events = { dispatcher: Dispatcher; stop: () => Promise<void> };

/**
 * Starts this instance's realtime fan-out, its per-instance listeners (cache invalidation) and
 * the dispatcher. `stop` undoes it, waiting for the events in hand (streams: realtime `closeAll`).
 */
export async function startEvents(database: Database, options: Partial<DispatcherOptions> = {}): Promise<Events> {
	await startRealtime(database);
	// Every instance keeps its own lesson cache: an edit anywhere clears it everywhere.
	const unsubscribe = [
		subscribe(LEARN_CACHE_CHANNEL, () => {
			clearLearnCache();
			clearPageCache();
		}),
		subscribe(CONTENT_CHANNEL, forgetContent)
	];
	const dispatcher = await startDispatcher(database, { handlersOf: handlersOf(), ...options });
	return {
		dispatcher,
		async stop() {
			for (const stop of unsubscribe) stop();
			await dispatcher.stop();
			await stopRealtime();
		}
	};
}

// The open event streams of this process, so a shutdown can end them first: an open stream is an
// in-flight request that never finishes by itself, and the HTTP server waits for those.
// Kept on globalThis under a registered symbol because scripts/start.ts imports this file from
// source while the app's copy lives in the build: both must see the same set. No imports, so that
// Node can load it directly.

type Registry = { streams: Set<() => void>; closing: boolean };
const KEY = Symbol.for('praxis.realtime.streams');

function registry(): Registry {
	const holder = globalThis as { [KEY]?: Registry };
	holder[KEY] ??= { streams: new Set(), closing: false };
	return holder[KEY];
}

/** Adds an open stream with the function that ends it; returns the function that removes it. */
export function registerStream(close: () => void): () => void {
	const r = registry();
	if (r.closing) {
		// Shutting down: a stream opened now is ended at once (the client reconnects elsewhere).
		queueMicrotask(close);
		return () => {};
	}
	r.streams.add(close);
	return () => void r.streams.delete(close);
}

/** How many streams are open in this process. */
export function openStreams(): number {
	return registry().streams.size;
}

/** Ends every open stream, and every one opened from now on; returns how many were open. */
export function closeAll(): number {
	const r = registry();
	r.closing = true;
	const open = [...r.streams];
	r.streams.clear();
	for (const close of open) {
		try {
			close();
		} catch {
			// Already gone.
		}
	}
	return open.length;
}

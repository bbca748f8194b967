import type { DbOrTx } from '../../db/client.ts';
import { emit } from '../../events/index.ts';

/**
 * A small in-process cache for what every learner sees the same way (course outlines, lessons).
 * An edit clears it on this instance at once and emits `learn.content_changed` on the realtime
 * channel below, which clears it on every instance after commit (platform/events subscribes);
 * the few seconds' time to live bound what a lost notification can leave behind.
 */
const TTL_MS = 10_000;
const LIMIT = 1000;
const entries = new Map<string, { at: number; value: Promise<unknown> }>();

/** The cached value for `key`, or what `make` returns (kept unless it is undefined or fails). */
export function cached<T>(key: string, make: () => Promise<T>): Promise<T> {
	const hit = entries.get(key);
	if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
	const value = make();
	if (entries.size >= LIMIT) entries.delete(entries.keys().next().value!);
	entries.set(key, { at: Date.now(), value });
	value.then(
		(v) => v === undefined && entries.delete(key),
		() => entries.delete(key)
	);
	return value;
}

/** Forgets everything: called whenever course content changes. */
export function clearLearnCache(): void {
	entries.clear();
}

/** The realtime channel on which every instance hears that course content changed. */
export const LEARN_CACHE_CHANNEL = 'learn:content';

/**
 * Clears the cache here and, once `tx` commits, on every instance (an event on
 * LEARN_CACHE_CHANNEL): clearing only before commit would let a reader cache the old content again.
 */
export async function contentChanged(tx: DbOrTx): Promise<void> {
	clearLearnCache();
	await emit(tx, { type: 'learn.content_changed', channel: LEARN_CACHE_CHANNEL });
}

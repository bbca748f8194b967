import type { DbOrTx } from '../../db/client.ts';
import { emit } from '../../events/index.ts';
import { createCache } from '../../cache/index.ts';

/**
 * What every learner sees the same way (course outlines, lessons), cached per instance. An edit
 * clears it on this instance at once and emits `learn.content_changed` on the realtime channel
 * below, which clears it on every instance after commit (platform/events subscribes); the few
 * seconds' time to live bound what a lost notification can leave behind.
 */
const learnCache = createCache({ ttlMs: 10_000, limit: 1000 });

/** The cached value for `key`, or what `make` returns (kept unless it is undefined or fails). */
export const cached = <T>(key: string, make: () => Promise<T>): Promise<T> => learnCache.get(key, make);

/** Forgets everything: called whenever course content changes. */
export function clearLearnCache(): void {
	learnCache.clear();
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

/**
 * A small in-process cache for what every learner sees the same way (course outlines, lessons).
 * Entries live a few seconds: an edit on this instance clears the cache at once, and other
 * instances (several app servers on one PostgreSQL) see it within the time to live.
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

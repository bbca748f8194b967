// A small in-process cache for what every reader gets the same way (course outlines, lessons,
// search results): values are promises, so concurrent misses for one key make the value once.
// Whoever changes what a cache holds clears it (and, through an event on a realtime channel, every
// other instance's copy); the time to live bounds what a lost or late notification can leave behind.

export type Cache = {
	/** The cached value for `key`, or what `make` returns (kept unless it is undefined or fails). */
	get<T>(key: string, make: () => Promise<T>): Promise<T>;
	/** Forgets everything. */
	clear(): void;
};

export function createCache(options: { ttlMs: number; limit: number }): Cache {
	const entries = new Map<string, { at: number; value: Promise<unknown> }>();
	return {
		get<T>(key: string, make: () => Promise<T>): Promise<T> {
			const hit = entries.get(key);
			if (hit && Date.now() - hit.at < options.ttlMs) return hit.value as Promise<T>;
			const value = make();
			// The oldest entry goes first once the cache is full.
			if (!hit && entries.size >= options.limit) entries.delete(entries.keys().next().value!);
			const entry = { at: Date.now(), value };
			entries.set(key, entry);
			const forget = () => entries.get(key) === entry && entries.delete(key);
			value.then((v) => v === undefined && forget(), forget);
			return value;
		},
		clear() {
			entries.clear();
		}
	};
}

const ids = new WeakMap<object, number>();
let nextId = 0;

/**
 * A number that stands for one database handle, for cache keys: a process that talks to several
 * databases (the tests, a bench) never answers one database's question from another's cache.
 */
export function databaseKey(db: object): number {
	let id = ids.get(db);
	if (id === undefined) ids.set(db, (id = ++nextId));
	return id;
}

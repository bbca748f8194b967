// The rendered-page cache for public content: a visitor's GET of a framework, glossary, card or
// course page is rendered once and then served from memory by scripts/start.ts, before SvelteKit
// (a hit costs about what a static file does), until shipped or edited content changes.
//
// Nothing personal is ever cached or served from here: only requests that carry no cookie but the
// language one, whose language cookie the page would not change, and only responses that set no
// cookie and say nothing about who asked. Any content change anywhere clears every instance's cache
// (platform/events: the `content` channel, fanned out across instances through NOTIFY); entries
// also expire after a few minutes, so a change made outside the app is seen soon.
//
// Kept on globalThis under a registered symbol, because scripts/start.ts imports this file from
// source while the app's copy lives in the build: both must see the same entries.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCALE_COOKIE, localeCookieChanges } from '../i18n/negotiate.ts';

/** Public content pages, by their path without the language prefix (no query string). */
const CACHEABLE =
	/^(?:|\/frameworks(?:\/[\w-]+){0,2}|\/glossary(?:\/[\w-]+)?|\/cards(?:\/(?!live$|random$|reflections$|print$)[\w-]+)?|\/learn(?:\/(?!cohorts$|journal$|my$|records$)[\w-]+)?|\/accessibility|\/privacy)$/;
const LOCALISED = /^\/(en|nb|cs|sk|pl)(\/.*)?$/;
const MAX_ENTRIES = 2000;
const MAX_BYTES = 1 << 20;
const MAX_AGE_MS = 5 * 60_000;
/** What shared caches (a CDN) may do with a cached page. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

type Entry = {
	headers: [string, string][];
	identity: Buffer;
	gzip: Buffer;
	br: Buffer;
	etag: string;
	storedAt: number;
};
type Registry = { entries: Map<string, Entry>; generation: number; hits: number; misses: number };
const KEY = Symbol.for('praxis.page-cache');

function registry(): Registry {
	const holder = globalThis as { [KEY]?: Registry };
	holder[KEY] ??= { entries: new Map(), generation: 0, hits: 0, misses: 0 };
	return holder[KEY];
}

/** What a request looks like to the cache: enough to decide, from a Node request or a Fetch one. */
export type CacheRequest = {
	method: string;
	origin: string;
	/** Path and query, as sent. */
	target: string;
	cookie: string | null;
	acceptLanguage: string | null;
};

/**
 * Where a request's page goes in the cache, taken before the page is rendered: its key (null: the
 * request may not be answered from the cache, nor its page kept) and the cache's generation then.
 */
export function cacheSlot(request: CacheRequest): { key: string; generation: number } | null {
	const key = cacheKey(request);
	return key ? { key, generation: registry().generation } : null;
}

/** The cache key for a request that may be answered from (or stored in) the cache; null when it may not. */
export function cacheKey(request: CacheRequest): string | null {
	if (request.method !== 'GET' || request.target.includes('?')) return null;
	const match = LOCALISED.exec(request.target);
	if (!match || !CACHEABLE.test(match[2] ?? '')) return null;
	const cookies = (request.cookie ?? '')
		.split(';')
		.map((part) => part.split('='))
		.filter(([name]) => name?.trim());
	if (cookies.some(([name]) => name!.trim() !== LOCALE_COOKIE)) return null;
	// A visitor whose language cookie this page would set or change gets the page from the app.
	if (localeCookieChanges(cookies[0]?.[1]?.trim(), request.acceptLanguage, match[1]!)) return null;
	return request.origin + request.target;
}

/** Keeps a rendered page (status 200, HTML, no cookie, not private); returns the response to send instead of the one given. */
export async function storePage(slot: { key: string; generation: number }, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	const cacheControl = response.headers.get('cache-control') ?? '';
	if (response.status !== 200 || !type.startsWith('text/html') || response.headers.has('set-cookie') || /private|no-store/.test(cacheControl)) return response;
	const identity = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	const send = () => new Response(new Uint8Array(identity), { status: 200, headers });
	if (identity.length > MAX_BYTES) return send();
	const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
	headers.set('etag', etag);
	headers.set('cache-control', PUBLIC_CACHE_CONTROL);
	headers.set('vary', 'Cookie');
	// Pages load no inline script (csr is off), so the nonce SvelteKit put in the policy is not needed;
	// a nonce served to everyone would be a known one, so the cached policy has none.
	const csp = headers.get('content-security-policy');
	if (csp) headers.set('content-security-policy', csp.replace(/\s*'nonce-[^']*'/g, ''));
	// What is sent now goes on to compressPage (which adds Accept-Encoding to Vary); what is kept is sent as it is.
	const kept: [string, string][] = [...headers].filter(([name]) => !['content-length', 'x-request-id', 'date', 'vary'].includes(name));
	kept.push(['vary', 'Accept-Encoding, Cookie']);
	const r = registry();
	// Content changed since this page began to render: it may show the old content, so it is not kept.
	if (r.generation === slot.generation) {
		if (r.entries.size >= MAX_ENTRIES) r.entries.delete(r.entries.keys().next().value!);
		r.entries.set(slot.key, {
			headers: kept,
			identity,
			gzip: gzipSync(identity, { level: 9 }),
			br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
			etag,
			storedAt: Date.now()
		});
	}
	return send();
}

function fresh(key: string): Entry | undefined {
	const r = registry();
	const entry = r.entries.get(key);
	if (entry && Date.now() - entry.storedAt > MAX_AGE_MS) {
		r.entries.delete(key);
		return undefined;
	}
	return entry;
}

/** The best encoding of ours the client accepts (brotli, then gzip; q=0 refuses one). */
export function bestEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
	const accepted = new Set(
		(acceptEncoding ?? '')
			.toLowerCase()
			.split(',')
			.map((part) => part.trim().split(';'))
			.filter(([, ...params]) => !params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p)))
			.map(([name]) => name!.trim())
	);
	return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : 'identity';
}

/**
 * Answers a request from the cache if it can (true: answered, with a 304 when the client has the
 * page already). `request` says what the cache needs to know of the Node request.
 */
export function serveFromCache(request: CacheRequest, req: IncomingMessage, res: ServerResponse): boolean {
	const key = cacheKey(request);
	const r = registry();
	if (!key) return false;
	const entry = fresh(key);
	if (!entry) {
		r.misses++;
		return false;
	}
	r.hits++;
	for (const [name, value] of entry.headers) res.setHeader(name, value);
	if (req.headers['if-none-match'] === entry.etag) {
		res.statusCode = 304;
		res.end();
		return true;
	}
	const encoding = bestEncoding(req.headers['accept-encoding']);
	const body = entry[encoding];
	if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
	res.setHeader('content-length', body.length);
	res.statusCode = 200;
	res.end(body);
	return true;
}

/** Forgets every cached page (content changed somewhere). */
export function clearPageCache(): void {
	const r = registry();
	r.generation++;
	r.entries.clear();
}

/** How the cache is doing, for tests and the bench. */
export function pageCacheStats(): { entries: number; hits: number; misses: number } {
	const r = registry();
	return { entries: r.entries.size, hits: r.hits, misses: r.misses };
}

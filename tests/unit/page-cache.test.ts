import { beforeEach, describe, expect, it } from 'vitest';
import { bestEncoding, cacheKey, cacheSlot, clearPageCache, pageCacheStats, storePage } from '../../src/lib/server/http/page-cache.ts';

const visitor = (target: string, extra: Partial<Parameters<typeof cacheKey>[0]> = {}) =>
	cacheKey({ method: 'GET', origin: 'https://praxis.example', target, cookie: null, acceptLanguage: 'en-GB,en;q=0.8', ...extra });
const page = (headers: Record<string, string> = {}, status = 200) =>
	new Response('<!doctype html><h1>Ethics</h1>', { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

describe('the rendered-page cache', () => {
	beforeEach(() => clearPageCache());
	const generationNow = () => cacheSlot({ method: 'GET', origin: '', target: '/en', cookie: null, acceptLanguage: 'en' })!.generation;

	it('keeps public content pages for visitors, and nothing else', () => {
		for (const path of ['/en', '/en/frameworks', '/en/frameworks/ethical-guidelines/guideline-7', '/en/glossary/cms', '/en/cards/some-card', '/en/learn/foundations', '/en/privacy'])
			expect(visitor(path), path).toBe(`https://praxis.example${path}`);
		for (const path of ['/en/account', '/en/learn/my', '/en/learn/journal', '/en/cards/live', '/en/cards/random', '/en/search', '/en/community', '/en/glossary?q=x', '/healthz', '/api/practices', '/en/learn/foundations/first/lesson'])
			expect(visitor(path), path).toBeNull();
		expect(visitor('/en/glossary', { method: 'POST' })).toBeNull();
		expect(visitor('/en/glossary', { method: 'HEAD' })).toBeNull();
	});

	it('never serves anyone who carries a cookie but the language one, nor someone whose language cookie the page would change', () => {
		expect(visitor('/en/glossary', { cookie: 'praxis_session=abc' })).toBeNull();
		expect(visitor('/en/glossary', { cookie: 'praxis_locale=en; praxis_flash=x' })).toBeNull();
		expect(visitor('/en/glossary', { cookie: 'praxis_locale=en' })).not.toBeNull();
		// A Czech page for a browser that prefers English sets the language cookie: rendered by the app.
		expect(visitor('/cs/glossary')).toBeNull();
		expect(visitor('/cs/glossary', { acceptLanguage: 'cs-CZ' })).not.toBeNull();
		expect(visitor('/cs/glossary', { cookie: 'praxis_locale=cs' })).not.toBeNull();
		expect(visitor('/cs/glossary', { cookie: 'praxis_locale=nb', acceptLanguage: 'cs' })).toBeNull();
	});

	it('stores only a plain 200 HTML page that sets no cookie and is not private, with an ETag and a CDN-friendly policy', async () => {
		const key = { key: visitor('/en/glossary')!, generation: generationNow() };
		for (const refused of [page({ 'set-cookie': 'a=b' }), page({ 'cache-control': 'private, no-store' }), page({}, 404), new Response('{}', { headers: { 'content-type': 'application/json' } })]) {
			await (await storePage(key, refused)).text();
			expect(pageCacheStats().entries).toBe(0);
		}
		const sent = await storePage(key, page({ 'content-security-policy': "script-src 'self' 'nonce-abc'" }));
		expect(await sent.text()).toContain('Ethics');
		expect(sent.headers.get('etag')).toMatch(/^".+"$/);
		expect(sent.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
		expect(sent.headers.get('content-security-policy')).toBe("script-src 'self'");
		expect(pageCacheStats().entries).toBe(1);
		clearPageCache();
		expect(pageCacheStats().entries).toBe(0);
	});

	it('does not keep a page whose content changed while it was rendered', async () => {
		const slot = cacheSlot({ method: 'GET', origin: 'https://praxis.example', target: '/en/glossary', cookie: null, acceptLanguage: 'en' })!;
		// An editor's change commits while the page is being rendered.
		clearPageCache();
		await (await storePage(slot, page())).text();
		expect(pageCacheStats().entries).toBe(0);
	});

	it('chooses brotli, then gzip, and honours q=0', () => {
		expect(bestEncoding('gzip, deflate, br')).toBe('br');
		expect(bestEncoding('gzip')).toBe('gzip');
		expect(bestEncoding('br;q=0, gzip')).toBe('gzip');
		expect(bestEncoding(undefined)).toBe('identity');
	});
});

import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { compressPage, pageEncoding } from '../../src/lib/server/http/compress.ts';

const html = `<!doctype html><html><body>${'<p>Career guidance practitioners learn their profession.</p>'.repeat(200)}</body></html>`;
const page = () => new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': String(html.length) } });

describe('compressing pages', () => {
	it.each([
		['gzip, deflate, br', 'gzip'],
		['br;q=1.0, gzip;q=0.8', 'gzip'],
		['gzip;q=0', undefined],
		['br', undefined],
		['identity', undefined]
	])('Accept-Encoding %j gives %s', (header, expected) => {
		expect(pageEncoding(header)).toBe(expected);
	});

	it('gzips an HTML page the browser accepts compressed, to a fraction of its size', async () => {
		const response = compressPage(new Request('http://localhost/en', { headers: { 'accept-encoding': 'gzip, br' } }), page());
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toContain('Accept-Encoding');
		const body = Buffer.from(await response.arrayBuffer());
		expect(body.byteLength).toBeLessThan(html.length / 4);
		expect(gunzipSync(body).toString()).toBe(html);
	});

	it('leaves other responses, HEAD requests and clients without gzip alone', async () => {
		const json = new Response('{}', { headers: { 'content-type': 'application/json' } });
		expect(compressPage(new Request('http://localhost/x', { headers: { 'accept-encoding': 'gzip' } }), json)).toBe(json);
		const head = compressPage(new Request('http://localhost/en', { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } }), page());
		expect(head.headers.get('content-encoding')).toBeNull();
		const plain = compressPage(new Request('http://localhost/en'), page());
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(html);
	});
});

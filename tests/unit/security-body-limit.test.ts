// Issue 16, defect 2: the 512 KiB body limit held only for a declared Content-Length on the raw path.
// Now every body is counted as it arrives, on the route the app will really serve.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRequest } from '@sveltejs/kit/node';
import { limitRequestBody } from '../../src/lib/server/http/body-limit.ts';
import { AUTHORING_BODY_LIMIT, bodyLimitFor, DEFAULT_BODY_LIMIT } from '../../src/lib/server/learn/authoring/limits.ts';

describe('the body limit of a request target', () => {
	it.each([
		'/en/signin',
		'/en/editor/courses/../../signin',
		'/en/editor/courses/%2e%2e/%2E%2E/signin?/import',
		'/en/editor/courses/x/lessons/y/../../../../../signin?/upload',
		'/en/editor/courses/x/lessons/y?/settings',
		'/en/editor/courses?/create',
		'//en/editor/courses?/import'
	])('is 512 KiB for %s', (target) => {
		expect(bodyLimitFor(target)).toBe(DEFAULT_BODY_LIMIT);
	});

	it.each(['/en/editor/courses?/import', '/nb/editor/courses/x/lessons/y?/upload'])('is the upload limit only for the upload action %s', (target) => {
		expect(bodyLimitFor(target)).toBe(AUTHORING_BODY_LIMIT);
	});
});

describe('a body counted as it arrives', () => {
	// What scripts/start.ts does, with SvelteKit's own reader set to the large global limit.
	let server: http.Server;
	let received = 0;
	let outcome = '';
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			limitRequestBody(req, res, bodyLimitFor(req.url ?? '/'));
			const request = getRequest({ request: req, base: 'http://localhost', bodySizeLimit: AUTHORING_BODY_LIMIT });
			void (async () => {
				received = 0;
				try {
					const reader = request.body!.getReader();
					for (;;) {
						const { done, value } = await reader.read();
						if (done) break;
						received += value.length;
					}
					outcome = 'read';
					res.writeHead(200).end();
				} catch (error) {
					outcome = (error as Error).name;
					res.writeHead(413).end();
				}
			})();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	/** Sends `total` bytes in 64 KiB chunks (chunked unless `declared`); answers the status and bytes written before it. */
	function post(path: string, total: number, declared = false): Promise<{ status: number; sent: number }> {
		const { port } = server.address() as AddressInfo;
		return new Promise((resolve, reject) => {
			let sent = 0;
			const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: declared ? { 'content-length': String(total) } : {} });
			req.on('response', (res) => {
				res.resume();
				resolve({ status: res.statusCode!, sent });
			});
			req.on('error', (error) => (sent < total ? resolve({ status: 0, sent }) : reject(error)));
			const chunk = Buffer.alloc(64 * 1024, 120);
			const write = () => {
				while (sent < total) {
					sent += chunk.length;
					if (!req.write(chunk)) return void req.once('drain', write);
				}
				req.end();
			};
			write();
		});
	}

	it('stops a 20 MB chunked body to the sign-in form after 512 KiB', async () => {
		const { status, sent } = await post('/en/signin', 20 * 1024 * 1024);
		expect(status).toBe(413);
		expect(outcome).toBe('BodyTooLargeError');
		expect(received).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT);
		expect(sent).toBeLessThan(20 * 1024 * 1024);
	});

	it('stops a declared 20 MB body sent through the editor path to the sign-in form', async () => {
		const { status } = await post('/en/editor/courses/../../signin', 20 * 1024 * 1024, true);
		expect(status).toBe(413);
		expect(received).toBeLessThanOrEqual(64 * 1024);
	});

	it('lets a body within the limit through, and the upload action take more', async () => {
		expect((await post('/en/signin', 256 * 1024)).status).toBe(200);
		expect(received).toBe(256 * 1024);
		expect((await post('/en/editor/courses?/import', 2 * 1024 * 1024)).status).toBe(200);
		expect(received).toBe(2 * 1024 * 1024);
	});
});

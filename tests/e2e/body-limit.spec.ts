// Issue 16, defects 2 and 11: the body limit holds for chunked and declared bodies and for path
// tricks, against the production server; the 413 is translated and carries the security headers.
import http from 'node:http';
import { expect, test } from '@playwright/test';

type Answer = { status: number; sent: number; headers: http.IncomingHttpHeaders; body: string };

function post(base: string, path: string, total: number, declared: boolean): Promise<Answer> {
	const url = new URL(base);
	return new Promise((resolve) => {
		let sent = 0;
		const req = http.request({
			host: url.hostname,
			port: url.port,
			path,
			method: 'POST',
			headers: {
				accept: 'text/html',
				origin: url.origin,
				'content-type': 'application/x-www-form-urlencoded',
				...(declared ? { 'content-length': String(total) } : {})
			}
		});
		req.on('response', (res) => {
			// The server answers 413 while the body is still going out, then closes the connection.
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (body += c));
			res.on('end', () => resolve({ status: res.statusCode!, sent, headers: res.headers, body }));
		});
		req.on('error', () => resolve({ status: 0, sent, headers: {}, body: '' }));
		const chunk = Buffer.alloc(64 * 1024, 'a');
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

const MB = 1024 * 1024;

test('a 20 MB chunked body to sign-in gets a translated 413 with security headers long before it is all sent', async ({ baseURL }) => {
	const answer = await post(baseURL!, '/nb/signin?/signin', 20 * MB, false);
	expect(answer.status).toBe(413);
	expect(answer.sent).toBeLessThan(20 * MB);
	expect(answer.headers['x-content-type-options']).toBe('nosniff');
	expect(answer.headers['content-security-policy']).toBe("default-src 'none'");
	expect(answer.body).toContain('<html lang="nb">');
	expect(answer.body).toContain('For mye data');
});

for (const path of ['/en/editor/courses/../../signin', '/en/editor/courses/%2e%2e/%2e%2e/signin?/import']) {
	test(`a declared 20 MB body to ${path} is refused as the sign-in form's`, async ({ baseURL }) => {
		const answer = await post(baseURL!, path, 20 * MB, true);
		expect(answer.status).toBe(413);
		expect(answer.sent).toBeLessThan(20 * MB);
	});
}

test('a visitor cannot post a large body to the upload action', async ({ baseURL }) => {
	const answer = await post(baseURL!, '/en/editor/courses?/import', 20 * MB, true);
	expect([403, 404]).toContain(answer.status);
});

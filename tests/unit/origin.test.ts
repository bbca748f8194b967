import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestOrigin, stampOrigin } from '../../src/lib/server/http/origin.ts';

function request(headers: Record<string, string>, encrypted = false): IncomingMessage {
	return { headers, socket: { encrypted, remoteAddress: '10.0.0.9' } } as unknown as IncomingMessage;
}

describe('request origin', () => {
	const direct = { publicOrigin: undefined, proxyHops: 0 };
	const proxied = { publicOrigin: undefined, proxyHops: 1 };

	it('is plain http on a plain socket, so form posts to http://localhost:3000 pass the CSRF check', () => {
		expect(requestOrigin(request({ host: 'localhost:3000' }), direct)).toEqual({
			protocol: 'http',
			host: 'localhost:3000',
			address: '10.0.0.9'
		});
	});

	it('ignores X-Forwarded-* unless the proxy is trusted', () => {
		const req = request({ host: 'a', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil', 'x-forwarded-for': '1.2.3.4' });
		expect(requestOrigin(req, direct)).toEqual({ protocol: 'http', host: 'a', address: '10.0.0.9' });
		expect(requestOrigin(req, proxied)).toEqual({ protocol: 'https', host: 'evil', address: '1.2.3.4' });
	});

	it('takes the address the trusted proxy appended, not one the client made up', () => {
		const req = request({ host: 'a', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' });
		expect(requestOrigin(req, proxied).address).toBe('203.0.113.7');
	});

	it('uses PUBLIC_ORIGIN whatever the request claims', () => {
		const req = request({ host: 'internal:3000', 'x-forwarded-proto': 'http' });
		const origin = requestOrigin(req, { publicOrigin: 'https://praxis.example.org', proxyHops: 0 });
		expect(origin).toMatchObject({ protocol: 'https', host: 'praxis.example.org' });
	});

	it('overwrites spoofed internal headers', () => {
		const req = request({ host: 'localhost:3000', 'x-praxis-proto': 'https', 'x-praxis-host': 'evil' });
		stampOrigin(req, direct);
		expect(req.headers['x-praxis-proto']).toBe('http');
		expect(req.headers['x-praxis-host']).toBe('localhost:3000');
	});
});

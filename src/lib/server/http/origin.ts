import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * The headers our server entry hands to SvelteKit's node handler, which reads the request's
 * protocol, host and client address from them. The entry always overwrites them, so a client
 * cannot spoof them.
 */
export const ORIGIN_HEADERS = {
	protocol: 'x-praxis-proto',
	host: 'x-praxis-host',
	address: 'x-praxis-client'
} as const;

export type OriginPolicy = { publicOrigin: string | undefined; trustProxy: boolean };

function first(value: string | string[] | undefined): string | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	return raw?.split(',')[0]?.trim() || undefined;
}

function last(value: string | string[] | undefined): string | undefined {
	const raw = Array.isArray(value) ? value.at(-1) : value;
	return raw?.split(',').at(-1)?.trim() || undefined;
}

/**
 * Works out where a request was really made: a fixed PUBLIC_ORIGIN wins; behind a trusted
 * proxy the X-Forwarded-* headers count; otherwise the socket itself (plain http on localhost).
 * SvelteKit compares form posts' Origin header with this, so CSRF protection stays on in all three.
 */
export function requestOrigin(
	req: IncomingMessage,
	policy: OriginPolicy
): { protocol: 'http' | 'https'; host: string | undefined; address: string } {
	const socketProtocol = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
	const socketAddress = req.socket.remoteAddress ?? '';
	if (policy.publicOrigin) {
		const url = new URL(policy.publicOrigin);
		return {
			protocol: url.protocol === 'https:' ? 'https' : 'http',
			host: url.host,
			address: policy.trustProxy ? (last(req.headers['x-forwarded-for']) ?? socketAddress) : socketAddress
		};
	}
	if (policy.trustProxy) {
		const forwarded = first(req.headers['x-forwarded-proto'])?.toLowerCase();
		return {
			protocol: forwarded === 'https' || forwarded === 'http' ? forwarded : socketProtocol,
			host: first(req.headers['x-forwarded-host']) ?? req.headers.host,
			address: last(req.headers['x-forwarded-for']) ?? socketAddress
		};
	}
	return { protocol: socketProtocol, host: req.headers.host, address: socketAddress };
}

/** Overwrites the origin headers on an incoming request before SvelteKit sees it. */
export function stampOrigin(req: IncomingMessage, policy: OriginPolicy): void {
	const origin = requestOrigin(req, policy);
	req.headers[ORIGIN_HEADERS.protocol] = origin.protocol;
	if (origin.host) req.headers[ORIGIN_HEADERS.host] = origin.host;
	else delete req.headers[ORIGIN_HEADERS.host];
	req.headers[ORIGIN_HEADERS.address] = origin.address;
}

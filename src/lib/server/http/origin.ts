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

/** `proxyHops`: how many reverse proxies in front of the app append X-Forwarded-* (0: none). */
export type OriginPolicy = { publicOrigin: string | undefined; proxyHops: number };

function values(value: string | string[] | undefined): string[] {
	const raw = Array.isArray(value) ? value.join(',') : (value ?? '');
	return raw
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

/** The value our nearest proxy wrote: the right-most one (a client can only prepend). */
function last(value: string | string[] | undefined): string | undefined {
	return values(value).at(-1);
}

/**
 * The client's address behind `hops` proxies: each proxy appends the address it was reached
 * from, so it is the hops-th value from the right; anything further left the client wrote itself.
 */
function clientAddress(value: string | string[] | undefined, hops: number): string | undefined {
	const list = values(value);
	return list.length === 0 ? undefined : list[Math.max(0, list.length - hops)];
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
			address: policy.proxyHops > 0 ? (clientAddress(req.headers['x-forwarded-for'], policy.proxyHops) ?? socketAddress) : socketAddress
		};
	}
	if (policy.proxyHops > 0) {
		const forwarded = last(req.headers['x-forwarded-proto'])?.toLowerCase();
		return {
			protocol: forwarded === 'https' || forwarded === 'http' ? forwarded : socketProtocol,
			host: last(req.headers['x-forwarded-host']) ?? req.headers.host,
			address: clientAddress(req.headers['x-forwarded-for'], policy.proxyHops) ?? socketAddress
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

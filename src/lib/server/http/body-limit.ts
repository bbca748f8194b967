import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

// Request body limits, enforced on the bytes as they arrive (a chunked body declares no length,
// a declared length can lie), per request. adapter-node has one global BODY_SIZE_LIMIT, which must
// be as large as the course editor's uploads; scripts/start.ts calls limitRequestBody() on every
// request with the limit of its (normalised) route, so everything else stops at 512 KiB.
//
// The body is read by SvelteKit, inside the app: we cannot answer from here without racing its
// own response. So the body stream fails (the route's read throws, nothing more is buffered), the
// connection is marked to close, and the app's hook answers 413 (see tooLargeBodyResponse in
// hooks.server.ts) when bodyWasTooLarge() says so. The two sides are different module instances
// (the script and the bundled app), hence the registry on globalThis.

/** The internal header naming a request for the registry; start.ts overwrites whatever a client sent. */
export const BODY_HEADER = 'x-praxis-body';

const REGISTRY = Symbol.for('praxis.tooLargeBodies');
function tooLarge(): Set<string> {
	const holder = globalThis as { [REGISTRY]?: Set<string> };
	return (holder[REGISTRY] ??= new Set());
}

/** What the app's read of a body fails with once the limit is passed. */
export class BodyTooLargeError extends Error {
	override name = 'BodyTooLargeError';
	readonly limit: number;
	constructor(limit: number) {
		super(`request body larger than ${limit} bytes`);
		this.limit = limit;
	}
}

/** Counts a request's body bytes as they arrive and stops it at `limit` (declared or not). */
export function limitRequestBody(req: IncomingMessage, res: ServerResponse, limit: number): void {
	const id = randomUUID();
	req.headers[BODY_HEADER] = id;
	const declared = Number(req.headers['content-length']);
	let seen = 0;
	let over = false;
	const emit = req.emit;
	req.emit = function (this: IncomingMessage, name: string | symbol, ...args: unknown[]): boolean {
		if (name !== 'data') return emit.call(this, name, ...args);
		if (over) return false;
		seen += (args[0] as Buffer).length;
		if (seen <= limit && !(Number.isFinite(declared) && declared > limit)) return emit.call(this, name, ...args);
		over = true;
		tooLarge().add(id);
		lingerThenClose(this.socket, res.writableEnded);
		if (res.writableEnded) return false; // answered already; Node is draining the rest
		if (!res.headersSent) res.setHeader('connection', 'close');
		if (this.listenerCount('error') > 0) emit.call(this, 'error', new BodyTooLargeError(limit));
		return false;
	} as IncomingMessage['emit'];
	res.once('close', () => tooLarge().delete(id));
}

/** How long a refused request's connection stays open, unread, for its client to read the 413. */
const LINGER_MS = 1000;

/**
 * Stops reading the connection and closes it a moment after the answer has gone. Closing a socket
 * with unread bytes resets it, and a reset throws away an answer the client has not read yet (the
 * client is busy sending): RFC 9112 §9.6, "lingering close". Paused, the client's sends stall while
 * it reads the 413; Node's own close after a `connection: close` answer becomes a half-close first.
 */
function lingerThenClose(socket: Socket, answered: boolean): void {
	if (socket.destroyed || lingering.has(socket)) return;
	lingering.add(socket);
	socket.pause();
	const closeIn = (ms: number) => setTimeout(() => socket.destroy(), ms).unref();
	if (answered || !socket.writable) return void closeIn(LINGER_MS);
	socket.destroySoon = function (this: Socket) {
		this.end();
		closeIn(LINGER_MS);
	};
	closeIn(30_000); // an answer that never comes does not keep the connection
}
const lingering = new WeakSet<Socket>();

/** True when the request's body was cut off at its limit (the hook then answers 413). */
export function bodyWasTooLarge(headers: Headers): boolean {
	const id = headers.get(BODY_HEADER);
	return !!id && tooLarge().has(id);
}

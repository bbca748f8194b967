// `npm start`: validate the configuration, build if needed, then serve the production build
// on plain http or behind a TLS proxy, with a graceful shutdown. See README "Configuration".
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { config, redactDatabaseUrl, type Config } from '../src/lib/server/config/index.ts';
import { dataDirInUseMessage, lockHolder } from '../src/lib/server/db/lock.ts';
import { ORIGIN_HEADERS, stampOrigin } from '../src/lib/server/http/origin.ts';
import { BODY_HEADER, limitRequestBody } from '../src/lib/server/http/body-limit.ts';
import { AUTHORING_BODY_LIMIT, bodyLimitFor } from '../src/lib/server/learn/authoring/limits.ts';
import { closeAll as closeAllStreams } from '../src/lib/server/realtime/streams.ts';
import { serveFromCache } from '../src/lib/server/http/page-cache.ts';
import { ensureBuild } from './lib/build-stamp.ts';

const root = process.cwd();

function fail(message: string): never {
	console.error(`praxis: ${message}`);
	process.exit(1);
}

function isOperatorError(error: unknown): error is Error {
	return error instanceof Error && (error.name === 'StartupError' || error.name === 'ContentError');
}

let c: Config;
try {
	c = config();
} catch (error) {
	if (isOperatorError(error)) fail(error.message);
	throw error;
}

if (!c.databaseUrl) {
	const holder = lockHolder(c.dataDir);
	if (holder !== undefined) fail(dataDirInUseMessage(c.dataDir, holder));
}

if (!(await ensureBuild(root))) fail('the build failed (see the output above).');

// SvelteKit's node handler reads protocol, host and client address from these headers,
// which stampOrigin() sets on every request from the socket, PUBLIC_ORIGIN or a trusted proxy.
process.env.PROTOCOL_HEADER = ORIGIN_HEADERS.protocol;
process.env.HOST_HEADER = ORIGIN_HEADERS.host;
process.env.ADDRESS_HEADER = ORIGIN_HEADERS.address;
process.env.NODE_ENV = c.nodeEnv;
// adapter-node reads BODY_SIZE_LIMIT once, when build/handler.js is imported below (default 512K):
// too small for lesson media and course packages. Raise it to what the course editor needs (see
// learn/authoring/limits.ts, derived from media-types.ts), and keep the default for every other
// route by counting each body's bytes as they arrive (http/body-limit.ts). An operator's own value wins.
const bodyLimitByPath = process.env.BODY_SIZE_LIMIT === undefined;
if (bodyLimitByPath) process.env.BODY_SIZE_LIMIT = String(AUTHORING_BODY_LIMIT);

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
let handler: Handler;
try {
	// Importing the handler runs the app's init hook: open the database, migrate, import content.
	({ handler } = (await import(pathToFileURL(path.join(root, 'build/handler.js')).href)) as { handler: Handler });
} catch (error) {
	if (isOperatorError(error)) fail(error.message);
	throw error;
}

const policy = { publicOrigin: c.publicOrigin, proxyHops: c.proxyHops };
let inFlight = 0;
let stopping = false;

const server = http.createServer((req, res) => {
	inFlight++;
	res.on('close', () => {
		inFlight--;
		if (stopping) server.closeIdleConnections();
	});
	if (stopping) res.setHeader('connection', 'close');
	if (bodyLimitByPath) limitRequestBody(req, res, bodyLimitFor(req.url ?? '/'));
	else delete req.headers[BODY_HEADER];
	stampOrigin(req, policy);
	// A visitor's public content page rendered before is sent from memory, before SvelteKit.
	const cached = {
		method: req.method ?? 'GET',
		origin: `${req.headers[ORIGIN_HEADERS.protocol]}://${req.headers[ORIGIN_HEADERS.host] ?? req.headers.host}`,
		target: req.url ?? '/',
		cookie: req.headers.cookie ?? null,
		acceptLanguage: req.headers['accept-language'] ?? null
	};
	if (serveFromCache(cached, req, res)) return;
	handler(req, res, () => {
		res.statusCode = 404;
		res.end();
	});
});

// An idle kept-alive connection stays open for 65 s, longer than a reverse proxy keeps its idle
// upstream connections (nginx and most load balancers: 60 s). With Node's 5 s, a proxy or client
// that reuses a connection just as the server closes it gets a reset instead of an answer.
// Shutdown still closes idle connections at once (server.close).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EADDRINUSE') fail(`Invalid PORT=${c.port}: the port is already in use.`);
	if (error.code === 'EACCES') fail(`Invalid PORT=${c.port}: permission denied.`);
	fail(error.message);
});

server.listen(c.port, c.host, () => {
	const shownHost = c.host === '0.0.0.0' || c.host === '::' ? 'localhost' : c.host;
	const data = c.databaseUrl ? `PostgreSQL at ${redactDatabaseUrl(c.databaseUrl)}` : `${c.dataDir} (embedded PGlite)`;
	console.log(`Praxis is listening on http://${shownHost}:${c.port}${c.publicOrigin ? ` (public origin ${c.publicOrigin})` : ''}`);
	console.log(`Data: ${data}`);
});

function shutdown(signal: string): void {
	if (stopping) return;
	stopping = true;
	// Event streams never finish by themselves: end them first (browsers reconnect to another
	// instance), so that only ordinary requests are left to finish.
	const streams = closeAllStreams();
	console.log(`${signal} received: closed ${streams} event stream(s); finishing ${inFlight - streams} request(s), then closing the database…`);
	// Whatever happens, be gone before a process manager's usual 10 s kill.
	setTimeout(() => {
		console.error('praxis: shutdown took too long; exiting.');
		process.exit(1);
	}, (c.shutdownTimeoutSeconds + 1.5) * 1000).unref();
	setTimeout(() => server.closeAllConnections(), c.shutdownTimeoutSeconds * 1000).unref();
	server.closeIdleConnections();
	server.close(() => {
		// The app's hook closes the database (with a checkpoint) on this event.
		process.emit('sveltekit:shutdown' as 'exit', signal as unknown as number);
	});
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

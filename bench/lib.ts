// What the benchmark scripts share: the built server on a throwaway data folder, load runs with
// autocannon beside a bare node:http server serving the same bytes (the ceiling), page weight.
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { ensureBuild } from '../scripts/lib/build-stamp.ts';

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BARE_PORT = 3141;

export type Server = {
	base: string;
	dataDir: string;
	/** Milliseconds from starting the process to its first ready answer (`/readyz`). */
	readyInMs: number;
	/** Stops the server and starts it again on the same data: answers the new start's time to ready. */
	restart: () => Promise<number>;
	stop: () => Promise<void>;
};

/**
 * Builds if needed and starts Praxis on `port` with a fresh data folder. `prepare` runs against
 * that folder before the server opens it (for example `admin:create`).
 */
export async function startServer(port: number, prepare?: (env: NodeJS.ProcessEnv) => void): Promise<Server> {
	if (!(await ensureBuild(process.cwd()))) process.exit(1);
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-bench-'));
	const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
	prepare?.(env);
	const base = `http://localhost:${port}`;
	let app: ChildProcess;
	const launch = async (): Promise<number> => {
		const t = performance.now();
		app = spawn(process.execPath, ['scripts/start.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
		for (let i = 0; ; i++) {
			try {
				if ((await fetch(`${base}/readyz`)).ok) return performance.now() - t;
			} catch {
				// not listening yet
			}
			if (i > 6000) throw new Error('the app did not start');
			await new Promise((r) => setTimeout(r, 10));
		}
	};
	const halt = async () => {
		const exited = new Promise((resolve) => app.on('exit', resolve));
		app.kill('SIGTERM');
		await exited;
	};
	const readyInMs = await launch();
	return {
		base,
		dataDir,
		readyInMs,
		restart: async () => {
			await halt();
			return launch();
		},
		stop: async () => {
			await halt();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/**
 * A new, empty PostgreSQL database on the server of TEST_DATABASE_URL or DATABASE_URL, if one is
 * set (else null), and the function that drops it.
 */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
	const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
	if (!url) return null;
	const name = `praxis_bench_${Date.now()}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`create database ${name}`);
	const target = new URL(url);
	target.pathname = `/${name}`;
	return {
		url: target.toString(),
		drop: async () => {
			await admin.query(`drop database ${name} with (force)`);
			await admin.end();
		}
	};
}

/**
 * Starts the built server (`prepare` as for startServer) with one account (made as an operator would, with `admin:create`), sets
 * its password, signs it in and enrols it in the starter course. Answers the server, the session
 * cookie and the first lesson's path.
 */
export async function startWithLearner(port: number, prepare?: (env: NodeJS.ProcessEnv) => void): Promise<{ server: Server; cookie: string; lesson: string }> {
	const EMAIL = 'bench@praxis.test';
	const PASSWORD = 'a long benchmark passphrase';
	let link = '';
	const server = await startServer(port, (env) => {
		prepare?.(env);
		link = runScript('scripts/admin-create.ts', ['--email', EMAIL, '--name', 'Bench Learner'], env).match(/https?:\/\/\S+/)![0];
	});
	const form = (data: Record<string, string>, cookie = '') => ({
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base, accept: 'text/html', cookie },
		body: new URLSearchParams(data).toString(),
		redirect: 'manual' as const
	});
	const set = await fetch(server.base + new URL(link).pathname, form({ password: PASSWORD, confirm: PASSWORD }));
	if (!set.ok) throw new Error(`could not set the password (${set.status}): ${(await set.text()).slice(0, 300)}`);
	const signedIn = await fetch(`${server.base}/en/signin?/signin`, form({ email: EMAIL, password: PASSWORD }));
	const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (!cookie) throw new Error('could not sign in');
	const enrol = await fetch(`${server.base}/en/learn/foundations?/enrol`, form({}, cookie));
	const lesson = enrol.headers.get('location');
	if (!lesson) throw new Error(`could not enrol (${enrol.status})`);
	return { server, cookie, lesson };
}

/** Runs a script of this project with the pinned Node and returns what it printed. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): string {
	return execFileSync(process.execPath, [script, ...args], { env, encoding: 'utf8' });
}

export type Figures = { rps: number; p50: number; p99: number };

/** The p-th percentile of `times` (nearest rank). */
export const percentile = (times: number[], p: number): number => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;

export async function load(url: string, headers: Record<string, string>, paths?: () => string): Promise<Figures> {
	// `paths`: each request asks for the next of these instead of `url`'s own path (cache misses).
	const requests: autocannon.Request[] | undefined = paths && [{ setupRequest: (request) => ({ ...request, path: paths() }) }];
	const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, ...(requests ? { requests } : {}) });
	if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
	return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const row = (name: string, f: Figures) =>
	`${name.padEnd(28)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms`;

export function header(): void {
	console.log(`Praxis benchmark — ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION} s per run, Node ${process.version}`);
}

/** Loads a bare node:http server that answers every request with the bytes Praxis answers `page` with: the ceiling. */
export async function ceilingOf(base: string, page: string, headers: Record<string, string> = {}): Promise<{ bytes: number; figures: Figures }> {
	const response = await fetch(base + page, { headers });
	if (!response.ok) throw new Error(`${page}: ${response.status}`);
	const body = Buffer.from(await response.arrayBuffer());
	const contentType = response.headers.get('content-type') ?? 'text/html';
	const bare = http.createServer((_req, res) => {
		res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
		res.end(body);
	});
	await new Promise<void>((resolve) => bare.listen(BARE_PORT, resolve));
	try {
		return { bytes: body.length, figures: await load(`http://localhost:${BARE_PORT}${page}`, headers) };
	} finally {
		bare.close();
	}
}

/** Loads one page of Praxis and a bare server returning the same bytes, and prints both. */
export async function compareWithCeiling(base: string, page: string, headers: Record<string, string> = {}): Promise<void> {
	const { bytes, figures: ceiling } = await ceilingOf(base, page, headers);
	const praxis = await load(base + page, headers);
	console.log(`\n${page} (${bytes} bytes of HTML)`);
	console.log(row('bare node:http (ceiling)', ceiling));
	console.log(row('Praxis', praxis));
	console.log(`Praxis reaches ${((praxis.rps / ceiling.rps) * 100).toFixed(1)}% of the ceiling's throughput.`);
}

/** What a visitor downloads besides the HTML: every script and stylesheet of a page, gzipped. */
export async function printPageWeight(base: string, page: string, label: string, headers: Record<string, string> = {}): Promise<void> {
	const html = await (await fetch(base + page, { headers })).text();
	const assets = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(js|css))"/g)].map((m) => ({
		href: new URL(m[1]!, base + page).href,
		kind: m[2]!
	}));
	const inlineScripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('');
	let js = inlineScripts.trim() ? gzipSync(inlineScripts).length : 0;
	let css = 0;
	for (const asset of assets) {
		const bytes = gzipSync(Buffer.from(await (await fetch(asset.href)).arrayBuffer())).length;
		if (asset.kind === 'js') js += bytes;
		else css += bytes;
	}
	console.log(`\n${label} weight (gzip): JavaScript ${(js / 1024).toFixed(1)} KiB, CSS ${(css / 1024).toFixed(1)} KiB (${assets.length} files)`);
}

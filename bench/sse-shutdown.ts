// `npm run bench:sse-shutdown`: opens 1,000 Server-Sent Event streams (a facilitator's live cohort
// page, BENCH_STREAMS to change) against the built server, sends SIGTERM, and prints how long the
// process took to exit, beside its budget (SHUTDOWN_TIMEOUT + 1.5 s). Figures only, no assertion.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ensureBuild } from '../scripts/lib/build-stamp.ts';

const PORT = 3143;
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const SHUTDOWN_TIMEOUT = Number(process.env.SHUTDOWN_TIMEOUT ?? 8);
const EMAIL = 'facilitator@praxis.test';
const PASSWORD = 'a long benchmark passphrase';
const base = `http://localhost:${PORT}`;

if (!(await ensureBuild(process.cwd()))) process.exit(1);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-bench-sse-'));
const env = { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT: String(SHUTDOWN_TIMEOUT) };
// The operator's command makes an account (an admin, who may run cohorts) with a set-password link.
const link = execFileSync(process.execPath, ['scripts/admin-create.ts', '--email', EMAIL, '--name', 'Bench Facilitator'], { env, encoding: 'utf8' }).match(/https?:\/\/\S+/)![0];
const app = spawn(process.execPath, ['scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let log = '';
app.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
const exited = new Promise<number | null>((resolve) => app.on('exit', (code) => resolve(code)));

try {
	for (let i = 0; !(await fetch(`${base}/readyz`).then((r) => r.ok, () => false)); i++) {
		if (i > 1200 || app.exitCode !== null) throw new Error('the app did not start');
		await new Promise((r) => setTimeout(r, 100));
	}
	const form = (data: Record<string, string>, cookie = '') => ({
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'text/html', cookie },
		body: new URLSearchParams(data).toString(),
		redirect: 'manual' as const
	});
	const set = await fetch(base + new URL(link).pathname, form({ password: PASSWORD, confirm: PASSWORD }));
	if (!set.ok) throw new Error(`could not set the password (${set.status})`);
	const signedIn = await fetch(`${base}/en/signin?/signin`, form({ email: EMAIL, password: PASSWORD }));
	const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (!cookie) throw new Error('could not sign in');
	const created = await fetch(`${base}/en/learn/cohorts?/create`, form({ course: 'foundations', name: 'Bench cohort' }, cookie));
	const cohortPage = created.headers.get('location');
	if (!cohortPage) throw new Error(`could not create a cohort (${created.status})`);

	// Open the streams, each until its first bytes arrive (the server has registered it by then).
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
	let ended = 0;
	let lastEnded = 0;
	const open = (): Promise<void> =>
		new Promise((resolve, reject) => {
			const req = http.get(`${base}${cohortPage}/events`, { agent, headers: { cookie, accept: 'text/event-stream' } }, (res) => {
				if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
				res.once('data', () => resolve());
				const done = () => {
					ended++;
					lastEnded = performance.now();
				};
				res.once('end', done);
				res.once('error', done);
			});
			req.on('error', reject);
		});
	const t0 = performance.now();
	for (let i = 0; i < STREAMS; i += 100) await Promise.all(Array.from({ length: Math.min(100, STREAMS - i) }, open));
	const opening = performance.now() - t0;
	const rss = fs.readFileSync(`/proc/${app.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1];

	const signalled = performance.now();
	app.kill('SIGTERM');
	const code = await exited;
	const exitMs = performance.now() - signalled;
	agent.destroy();

	console.log(`Praxis SSE shutdown — ${os.cpus().length} cores, Node ${process.version}, embedded PGlite`);
	console.log(`${STREAMS} streams opened in ${(opening / 1000).toFixed(2)} s; server RSS with them open: ${rss ? `${Math.round(Number(rss) / 1024)} MB` : 'n/a'}`);
	console.log(`SIGTERM → streams ended by the server: ${ended} / ${STREAMS}, the last after ${ended ? ((lastEnded - signalled) / 1000).toFixed(3) : '—'} s`);
	console.log(`SIGTERM → process exit: ${(exitMs / 1000).toFixed(3)} s (exit code ${code}); budget SHUTDOWN_TIMEOUT + 1.5 s = ${SHUTDOWN_TIMEOUT + 1.5} s`);
	const said = log.split('\n').find((l) => l.includes('received'));
	if (said) console.log(`server said: ${said.trim()}`);
} finally {
	if (app.exitCode === null) {
		app.kill('SIGKILL');
		await exited;
	}
	fs.rmSync(dataDir, { recursive: true, force: true });
}

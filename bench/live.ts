// `npm run bench:live`: a conference room of ethics cards. One live session, PARTICIPANTS people
// (default 1,000) who join by code without an account and keep its Server-Sent Events stream open,
// half of them on each of two app instances that share one PostgreSQL database (as behind a load
// balancer). The facilitator, on the first instance, shows each of the session's 20 cards; everyone
// answers it; the facilitator reveals the answers and moves on. Reported: the time from the
// facilitator's click to each participant's event (every event must arrive: zero lost), the
// answers accepted per second, memory per open stream and the instances' CPU. Needs PostgreSQL
// (TEST_DATABASE_URL or DATABASE_URL); figures only.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freshPostgres, percentile, runScript, startServer, type Server } from './lib.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1000);
const CARDS = 20;
/** Answers in flight at once (phones on a venue's network do not all press at the same millisecond). */
const ANSWER_CONCURRENCY = Number(process.env.BENCH_ANSWER_CONCURRENCY ?? 50);
const PORTS = [3150, 3151] as const;
const EMAIL = 'facilitator@bench.test';
const PASSWORD = 'a long benchmark passphrase';

const postgres = await freshPostgres();
if (!postgres) {
	console.log('bench:live needs PostgreSQL (two instances share it): set TEST_DATABASE_URL or DATABASE_URL.');
	process.exit(0);
}

/** The pid of the server listening on `port` (scripts/start.ts), for its memory and CPU. */
function pidOn(port: number): number {
	for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			const environ = fs.readFileSync(`/proc/${pid}/environ`, 'latin1');
			const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1');
			if (cmd.includes('scripts/start.ts') && environ.split('\0').includes(`PORT=${port}`)) return Number(pid);
		} catch {
			// gone, or not ours
		}
	}
	throw new Error(`no server process on port ${port}`);
}
const rssKb = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]);
/** User + system CPU seconds the process has used so far. */
function cpuSeconds(pid: number): number {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

const servers: Server[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
try {
	let link = '';
	servers.push(await startServer(PORTS[0], (env) => Object.assign(env, { DATABASE_URL: postgres.url, LOG_LEVEL: 'warn' })));
	// The second instance after the first has migrated and imported the content.
	servers.push(
		await startServer(PORTS[1], (env) => {
			Object.assign(env, { DATABASE_URL: postgres.url, LOG_LEVEL: 'warn' });
			link = runScript('scripts/admin-create.ts', ['--email', EMAIL, '--name', 'Bench Facilitator'], env).match(/https?:\/\/\S+/)![0];
		})
	);
	const [a, b] = servers as [Server, Server];
	const form = (base: string, data: Record<string, string | string[]>, cookie = '') => {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(data)) for (const one of [v].flat()) body.append(k, one);
		return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'text/html', cookie }, body: body.toString(), redirect: 'manual' as const };
	};
	const cookieOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

	// The facilitator: an account made as an operator would, signed in on the first instance.
	if (!(await fetch(a.base + new URL(link).pathname, form(a.base, { password: PASSWORD, confirm: PASSWORD }))).ok) throw new Error('could not set the password');
	const facilitator = cookieOf(await fetch(`${a.base}/en/signin?/signin`, form(a.base, { email: EMAIL, password: PASSWORD })));
	const slugs = fs
		.readdirSync('content/cards/situations')
		.filter((f) => f.endsWith('.yaml'))
		.map((f) => f.replace(/\.yaml$/, ''))
		.sort()
		.slice(0, CARDS);
	const created = await fetch(`${a.base}/en/cards/live/new`, form(a.base, { cards: slugs }, facilitator));
	const control = created.headers.get('location');
	if (created.status !== 303 || !control) throw new Error(`could not create the session (${created.status})`);
	const page = await (await fetch(a.base + control, { headers: { cookie: facilitator } })).text();
	const code = page.match(/data-testid="join-code"[^>]*>\s*([2-9A-Z]{6})/)?.[1];
	if (!code) throw new Error('no join code on the control page');
	const step = async (what: string) => {
		const response = await fetch(`${a.base}${control}?/step`, form(a.base, { do: what }, facilitator));
		if (response.status !== 303 && response.status !== 200) throw new Error(`${what} answered ${response.status}`);
	};

	// Everyone joins, half on each instance, and opens the session's stream there.
	const pids = PORTS.map(pidOn);
	const rssBefore = pids.map(rssKb);
	type Participant = { base: string; cookie: string; arrivals: number[]; answeredAt: number };
	const participants: Participant[] = [];
	const t0 = performance.now();
	const join = async (i: number): Promise<void> => {
		const base = servers[i % 2]!.base;
		const joined = await fetch(`${base}/en/join/${code}?/join`, form(base, { name: `Participant ${i + 1}` }));
		const cookie = cookieOf(joined);
		if (joined.status !== 303 || !cookie) throw new Error(`joining answered ${joined.status}`);
		const p: Participant = { base, cookie, arrivals: [], answeredAt: 0 };
		participants.push(p);
		await new Promise<void>((resolve, reject) => {
			const req = http.get(`${base}/en/join/${code}/events`, { agent, headers: { accept: 'text/event-stream', cookie } }, (res) => {
				if (res.statusCode !== 200) return reject(new Error(`the stream answered ${res.statusCode}`));
				res.once('data', () => resolve());
				// Whole events only (one may come in two chunks): blocks end with a blank line.
				let rest = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					const blocks = (rest + chunk).split('\n\n');
					rest = blocks.pop()!;
					for (const block of blocks) if (/^event: cards\.live_changed$/m.test(block)) p.arrivals.push(performance.now());
				});
			});
			req.on('error', reject);
		});
	};
	for (let i = 0; i < PARTICIPANTS; i += 50) await Promise.all(Array.from({ length: Math.min(50, PARTICIPANTS - i) }, (_, k) => join(i + k)));
	const joining = (performance.now() - t0) / 1000;
	const rssAfter = pids.map(rssKb);
	const cpuBefore = pids.map(cpuSeconds);

	// The facilitator's steps; after each, wait until every participant has the event.
	const latencies: number[] = [];
	const byStep: Record<string, number[]> = { show: [], reveal: [] };
	let expected = 0;
	let lost = 0;
	const timed = async (what: string) => {
		const sent = performance.now();
		await step(what);
		expected++;
		for (let wait = 0; participants.some((p) => p.arrivals.length < expected) && wait < 200; wait++) await new Promise((r) => setTimeout(r, 25));
		for (const p of participants) {
			if (p.arrivals.length < expected) lost++;
			else {
				latencies.push(p.arrivals[expected - 1]! - sent);
				byStep[what === 'reveal' ? 'reveal' : 'show']!.push(p.arrivals[expected - 1]! - sent);
			}
		}
		// Later events must line up with their step: a late one counts as lost, not as the next one's.
		for (const p of participants) p.arrivals.length = Math.min(p.arrivals.length, expected);
		for (const p of participants) while (p.arrivals.length < expected) p.arrivals.push(Number.NaN);
	};
	let answered = 0;
	let answering = 0;
	const answerAll = async (card: number) => {
		const t = performance.now();
		let next = 0;
		const worker = async () => {
			for (let i = next++; i < participants.length; i = next++) {
				const p = participants[i]!;
				// The session takes one answer a second from each participant (an abuse limit); a real room
				// never comes near it, but a small bench on a fast machine can.
				const since = performance.now() - p.answeredAt;
				if (since < 1000) await new Promise((r) => setTimeout(r, 1000 - since));
				const response = await fetch(`${p.base}/en/join/${code}?/answer`, form(p.base, { answer: `Answer of participant ${i + 1} to card ${card + 1}.` }, p.cookie));
				p.answeredAt = performance.now();
				if (response.status !== 303) throw new Error(`an answer answered ${response.status} (card ${card + 1}, participant ${i + 1}, ${Math.round(since)} ms after their last): ${(await response.text()).replace(/\s+/g, " ").slice(0, 200)}`);
				answered++;
			}
		};
		await Promise.all(Array.from({ length: ANSWER_CONCURRENCY }, worker));
		answering += (performance.now() - t) / 1000;
	};
	for (let card = 0; card < CARDS; card++) {
		await timed(card === 0 ? 'start' : 'next');
		await answerAll(card);
		await timed('reveal');
	}
	await step('end');
	const cpu = pids.map((pid, i) => cpuSeconds(pid) - cpuBefore[i]!);

	const received = latencies.length;
	console.log(`\nLive ethics-card session — ${PARTICIPANTS} participants on two instances sharing PostgreSQL, ${os.cpus().length} cores, Node ${process.version}`);
	console.log(`joined and streaming in ${joining.toFixed(1)} s; memory per open stream ${((rssAfter[0]! - rssBefore[0]! + rssAfter[1]! - rssBefore[1]!) / PARTICIPANTS).toFixed(0)} KB (RSS ${rssAfter.map((r) => `${Math.round(r / 1024)} MB`).join(' / ')})`);
	console.log(`${expected} facilitator steps (show ${CARDS} cards, reveal each): events received ${received} / ${expected * PARTICIPANTS}, lost ${lost}`);
	console.log(`facilitator's click → a participant's event: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
	for (const [kind, list] of Object.entries(byStep)) console.log(`  ${kind === 'show' ? 'showing a card' : 'revealing the answers (after 1,000 answers)'}: p50 ${percentile(list, 50).toFixed(0)} ms, p95 ${percentile(list, 95).toFixed(0)} ms`);
	console.log(`answers accepted: ${answered} in ${answering.toFixed(1)} s = ${(answered / answering).toFixed(0)} per second (${ANSWER_CONCURRENCY} in flight)`);
	console.log(`CPU during the session: ${cpu.map((c) => `${c.toFixed(1)} s`).join(' / ')} (instance 1 / 2)`);
} finally {
	agent.destroy();
	for (const server of servers.reverse()) await server.stop();
	await postgres.drop();
}

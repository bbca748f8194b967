// `npm run bench:community`: (1) the server time of a thread page with 500 replies (getThread) and
// of a space page with 10,000 threads (listThreads, its first page), as a member reads them, on
// PGlite and, when TEST_DATABASE_URL or DATABASE_URL is set, on PostgreSQL; (2) against the built
// server (embedded PGlite), 1,000 visitors watching one thread over Server-Sent Events while a
// member replies: the time from the reply's POST until each watcher has the event. Figures only.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { importAllContent } from '../src/lib/server/platform/content.ts';
import { getThread, listThreads, openSpace } from '../src/lib/server/community/index.ts';
import type { Actor } from '../src/lib/server/policies/index.ts';
import { ensureBuild } from '../scripts/lib/build-stamp.ts';
import { freshPostgres, percentile } from './lib.ts';

const REPLIES = 500;
const THREADS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WATCHERS = Number(process.env.BENCH_STREAMS ?? 1000);
const PORT = 3147;

const exec = (database: Database, query: ReturnType<typeof sql>) => database.db.execute(query) as unknown as Promise<{ rows: Record<string, unknown>[] }>;

/** 200 members; in the ethics space one thread with 500 replies (a quarter nested, some with reactions) and 9,999 more threads. */
async function seed(database: Database): Promise<{ actor: Actor; thread: string }> {
	await importAllContent(database.db, 'content', { only: ['community'] });
	await exec(database, sql`insert into app_user (email, display_name, locale, country, sector, email_verified_at, created_at)
		select 'member' || g || '@bench.test', 'Member ' || g, 'en', 'NO', 'school', now(), now() - interval '30 days' from generate_series(1, 200) g`);
	const [space] = (await exec(database, sql`select id from community_space where slug = 'ethics'`)).rows;
	const [reader] = (await exec(database, sql`select id from app_user where email = 'member1@bench.test'`)).rows;
	await exec(database, sql`insert into community_thread (space_id, author_id, title, body, language, last_activity_at, reply_count)
		select ${space!.id}::uuid, (select id from app_user where email = 'member' || (1 + g % 200) || '@bench.test'), 'Thread ' || g,
			'An **opening** text of thread ' || g || ' with a [link](https://example.org).', 'en', now() - make_interval(mins => g), 0
		from generate_series(1, ${THREADS}) g`);
	const [thread] = (await exec(database, sql`select id from community_thread where title = 'Thread 1'`)).rows;
	await exec(database, sql`insert into community_post (thread_id, author_id, body, created_at)
		select ${thread!.id}::uuid, (select id from app_user where email = 'member' || (1 + g % 200) || '@bench.test'),
			'Reply ' || g || ': *what* I would tell the parent, and why — a paragraph of a realistic length for a discussion among practitioners.', now() - make_interval(secs => ${REPLIES} - g)
		from generate_series(1, ${REPLIES}) g`);
	// Every fourth reply answers the one before it (one level of nesting is shown).
	await exec(database, sql`update community_post p set parent_id = (select q.id from community_post q where q.thread_id = p.thread_id and q.created_at < p.created_at order by q.created_at desc limit 1)
		where p.thread_id = ${thread!.id}::uuid and p.body like 'Reply %0:%'`);
	await exec(database, sql`update community_thread set reply_count = ${REPLIES} where id = ${thread!.id}::uuid`);
	await exec(database, sql`insert into community_reaction (user_id, thread_id, post_id, reaction)
		select u.id, p.thread_id, p.id, 'thanks' from community_post p cross join (select id from app_user where email like 'member1_@bench.test') u
		where p.thread_id = ${thread!.id}::uuid and p.body like 'Reply %5:%'`);
	await exec(database, sql`analyze`);
	const actor: Actor = { id: String(reader!.id), role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
	return { actor, thread: String(thread!.id) };
}

async function timed(run: () => Promise<unknown>): Promise<number[]> {
	await run();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		await run();
		times.push(performance.now() - t);
	}
	return times;
}

async function measure(name: string, database: Database): Promise<void> {
	const { actor, thread } = await seed(database);
	const space = await openSpace(database.db, actor, 'ethics', 'en');
	if (!space.ok) throw new Error('no ethics space');
	const threadTimes = await timed(async () => {
		const view = await getThread(database.db, actor, space.value, thread);
		if (!view.ok || view.value.replyCount !== REPLIES) throw new Error('unexpected thread');
	});
	const spaceTimes = await timed(async () => {
		const listed = await listThreads(database.db, actor, space.value);
		if (listed.threads.length === 0) throw new Error('no threads listed');
	});
	const row = (what: string, times: number[]) => `| ${name} | ${what} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 99).toFixed(1)} ms |`;
	console.log(row(`thread page, ${REPLIES} replies`, threadTimes));
	console.log(row(`space page, ${THREADS.toLocaleString('en')} threads`, spaceTimes));
}

async function pages(): Promise<void> {
	console.log(`Community pages — server time over ${RUNS} views, Node ${process.version}, ${os.cpus().length} cores\n`);
	console.log('| database | page | p50 | p99 |\n|---|---|---:|---:|');
	const pglite = await openPglite(null);
	await migrate(pglite, 'migrations');
	await measure('PGlite', pglite);
	await pglite.close();
	const fresh = await freshPostgres();
	if (!fresh) return;
	const postgres = await openPostgres(fresh.url, 2);
	try {
		await migrate(postgres, 'migrations');
		await measure('PostgreSQL', postgres);
	} finally {
		await postgres.close();
		await fresh.drop();
	}
}

/** 1,000 visitors watch a thread of the built server; a member replies four times; how long until each watcher has each reply. */
async function fanOut(): Promise<void> {
	if (!(await ensureBuild(process.cwd()))) process.exit(1);
	const base = `http://localhost:${PORT}`;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-bench-community-'));
	const env = { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
	delete (env as Record<string, string | undefined>).DATABASE_URL;
	const email = 'writer@bench.test';
	const password = 'a long benchmark passphrase';
	const link = execFileSync(process.execPath, ['scripts/admin-create.ts', '--email', email, '--name', 'Bench Writer'], { env, encoding: 'utf8' }).match(/https?:\/\/\S+/)![0];
	const app = spawn(process.execPath, ['scripts/start.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	const exited = new Promise<void>((resolve) => app.on('exit', () => resolve()));
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
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
		if (!(await fetch(base + new URL(link).pathname, form({ password, confirm: password }))).ok) throw new Error('could not set the password');
		const signedIn = await fetch(`${base}/en/signin?/signin`, form({ email, password }));
		const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
		const created = await fetch(`${base}/en/community/ethics/new`, form({ title: 'Watched by a thousand', body: 'Who is there?', language: 'en' }, cookie));
		const threadPath = created.headers.get('location');
		if (!threadPath) throw new Error(`could not start a thread (${created.status})`);

		// Each watcher resolves `arrived` with the time its stream carries the n-th reply event.
		const arrivals: number[][] = [];
		const open = (): Promise<void> =>
			new Promise((resolve, reject) => {
				const mine: number[] = [];
				arrivals.push(mine);
				const req = http.get(`${base}${threadPath}/events`, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
					if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
					res.once('data', () => resolve());
					res.on('data', (chunk: Buffer) => {
						if (chunk.toString().includes('postId')) mine.push(performance.now());
					});
				});
				req.on('error', reject);
			});
		const t0 = performance.now();
		for (let i = 0; i < WATCHERS; i += 100) await Promise.all(Array.from({ length: Math.min(100, WATCHERS - i) }, open));
		const opening = performance.now() - t0;
		const rss = fs.readFileSync(`/proc/${app.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1];

		const latencies: number[] = [];
		const REPLIES_SENT = 4;
		for (let n = 0; n < REPLIES_SENT; n++) {
			const sent = performance.now();
			const replied = await fetch(`${base}${threadPath}?/reply`, form({ body: `Reply ${n + 1} to everyone watching.`, parent: '', mention: '' }, cookie));
			if (replied.status !== 303) throw new Error(`reply answered ${replied.status}`);
			for (let wait = 0; arrivals.some((a) => a.length <= n) && wait < 300; wait++) await new Promise((r) => setTimeout(r, 50));
			for (const a of arrivals) if (a[n] !== undefined) latencies.push(a[n]! - sent);
		}
		const got = latencies.length;
		console.log(`\nSSE fan-out — ${WATCHERS} visitors watching one thread (opened in ${(opening / 1000).toFixed(2)} s, server RSS ${rss ? `${Math.round(Number(rss) / 1024)} MB` : 'n/a'}), ${REPLIES_SENT} replies posted:`);
		console.log(`events received ${got} / ${WATCHERS * REPLIES_SENT}; from the reply's POST to a watcher's event: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
	} finally {
		agent.destroy();
		app.kill('SIGTERM');
		await exited;
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

await pages();
await fanOut();

// `npm run bench:practices`: the practice inventory with 5,000 published practices, under load on
// the built server — the facet page (a filtered browse, rendered for a visitor: facet counts, a
// page of cards), the compare page (three practices side by side) and the open API's list
// (JSON, ETag, rate limit: each request comes from another address through X-Forwarded-For, so
// the limit is paid for but not hit) — on PGlite and, when TEST_DATABASE_URL or DATABASE_URL is
// set, on PostgreSQL. Figures only.
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { practice } from '../src/lib/server/db/schema/practices.ts';
import { importAllContent } from '../src/lib/server/platform/content.ts';
import { reindexAllSearch } from '../src/lib/server/platform/search.ts';
import { CHANNELS, PRACTICE_COUNTRIES, PRACTICE_SECTORS } from '../src/lib/practices/options.ts';
import { practiceTemplate, TEMPLATE_FACETS } from '../src/lib/server/practices/index.ts';
import { CONNECTIONS, DURATION, freshPostgres, startServer, type Figures } from './lib.ts';

const PRACTICES = Number(process.env.BENCH_PRACTICES ?? 5000);
const PORT = 3160;
const UNCACHED = { cookie: 'bench=1' };

/** A small deterministic generator, so both engines get the same records. */
function random(seed: number): () => number {
	let s = seed;
	return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Migrates, imports the shipped content and adds PRACTICES published practices; answers three ids to compare. */
async function seed(database: Database): Promise<string[]> {
	await migrate(database, 'migrations');
	await importAllContent(database.db, 'content');
	const template = (await practiceTemplate(database.db, 'en'))!;
	const optionsOf = (key: string) => template.sections.find((s) => s.key === key)?.options.map((o) => o.key) ?? [];
	const next = random(42);
	const some = (list: readonly string[], most: number) => list.filter(() => next() < most / list.length);
	const one = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
	const lists = Object.fromEntries(Object.entries(TEMPLATE_FACETS).map(([facet, key]) => [facet, optionsOf(key)])) as Record<keyof typeof TEMPLATE_FACETS, string[]>;
	for (let start = 0; start < PRACTICES; start += 500) {
		const rows = Array.from({ length: Math.min(500, PRACTICES - start) }, (_, i) => {
			const n = start + i + 1;
			const chosen = { themes: some(lists.theme, 2), functions: some(lists.function, 2), rationales: some(lists.rationale, 2), audiences: some(lists.audience, 3), funding: some(lists.funding, 1.5), barriers: some(lists.barrier, 2) };
			const fields = Object.fromEntries(
				Object.entries(TEMPLATE_FACETS).flatMap(([facet, key]) => {
					const options = chosen[{ theme: 'themes', function: 'functions', rationale: 'rationales', audience: 'audiences', funding: 'funding', barrier: 'barriers' }[facet as keyof typeof TEMPLATE_FACETS] as keyof typeof chosen];
					return options.length ? [[key, { options }]] : [];
				})
			);
			fields.overview = { text: `Generated practice ${n}: a guidance service that uses ICT and labour market information, written for the benchmark.` } as never;
			return {
				title: `Bench practice ${String(n).padStart(5, '0')}`,
				summary: `A generated practice for the benchmark, number ${n}.`,
				country: one(PRACTICE_COUNTRIES),
				sector: one(PRACTICE_SECTORS),
				languages: ['en'],
				startYear: 2000 + Math.floor(next() * 26),
				channels: some(CHANNELS, 3),
				licence: 'CC-BY-4.0',
				status: 'published',
				frameworkVersionId: template.versionId,
				fields,
				...chosen,
				publishedAt: sql`now() - make_interval(days => ${n})`
			};
		});
		await database.db.insert(practice).values(rows);
	}
	await reindexAllSearch(database.db);
	await database.db.execute(sql`analyze`);
	const ids = await database.db.select({ id: practice.id }).from(practice).orderBy(practice.title).limit(3);
	return ids.map((r) => r.id);
}

async function run(url: string, headers: Record<string, string>, rotateAddress = false): Promise<Figures> {
	let address = 0;
	// Another benchmarking address (198.18.0.0/15) per request: the API's limit is counted, never reached.
	const setupRequest = (req: autocannon.Request): autocannon.Request => {
		address = (address + 1) % 60_000;
		return { ...req, headers: { ...req.headers, 'x-forwarded-for': `198.18.${Math.floor(address / 250)}.${(address % 250) + 1}` } };
	};
	const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, ...(rotateAddress ? { requests: [{ setupRequest }] } : {}) });
	if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
	return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

type Measured = { facet: Figures; compare: Figures; api: Figures };

async function measure(env: (e: NodeJS.ProcessEnv) => void, ids: string[]): Promise<Measured> {
	const server = await startServer(PORT, (e) => {
		e.TRUST_PROXY = '1';
		env(e);
	});
	try {
		const facet = `${server.base}/en/practices?country=NO&theme=theme-access&audience=audience-employed-adults`;
		const compare = `${server.base}/en/practices/compare?${ids.map((id) => `ids=${id}`).join('&')}`;
		const api = `${server.base}/api/practices?country=CZ&pageSize=50`;
		for (const address of [facet, compare, api]) {
			const warm = await fetch(address, { headers: { ...UNCACHED, 'x-forwarded-for': '198.19.0.1' } });
			if (!warm.ok) throw new Error(`${address}: ${warm.status}`);
		}
		return { facet: await run(facet, UNCACHED), compare: await run(compare, UNCACHED), api: await run(api, {}, true) };
	} finally {
		await server.stop();
	}
}

console.log(`Practice inventory benchmark — ${PRACTICES} published practices, ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION} s per run, Node ${process.version}`);
const results: [string, Measured][] = [];

// PGlite: a data folder seeded here, then opened by the server.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-bench-practices-'));
try {
	let t = performance.now();
	const pglite = await openPglite(dataDir);
	const ids = await seed(pglite);
	await pglite.close();
	console.log(`PGlite seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
	results.push(['PGlite', await measure((e) => (e.DATA_DIR = dataDir), ids)]);
} finally {
	fs.rmSync(dataDir, { recursive: true, force: true });
}

const postgres = await freshPostgres();
if (postgres) {
	try {
		const database = await openPostgres(postgres.url, 2);
		const t = performance.now();
		const ids = await seed(database);
		await database.close();
		console.log(`PostgreSQL seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
		results.push(['PostgreSQL', await measure((e) => (e.DATABASE_URL = postgres.url), ids)]);
	} finally {
		await postgres.drop();
	}
}

const cell = (f: Figures) => `${f.rps.toFixed(0).padStart(5)} req/s, p50 ${String(f.p50).padStart(4)} ms, p99 ${String(f.p99).padStart(4)} ms`;
console.log(`\n| engine | facet page (3 facets, rendered) | compare page (3 practices) | API list (50 per page) |`);
console.log('|---|---|---|---|');
for (const [name, m] of results) console.log(`| ${name} | ${cell(m.facet)} | ${cell(m.compare)} | ${cell(m.api)} |`);

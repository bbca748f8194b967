// `npm run bench`: one table of the public pages under load — served from the rendered-page cache
// (a visitor), rendered by SvelteKit (a visitor whose cookie keeps them out of the cache) — and of a
// signed-in learner's lesson and My learning, on PGlite and, when TEST_DATABASE_URL or DATABASE_URL is
// set, on PostgreSQL, beside the SvelteKit floor (`/healthz`) and a bare node:http server answering
// the same bytes (the ceiling); then the time from start to ready, first (migrations and content
// import) and again on the same data. Then the Lighthouse table (bench/lighthouse.ts) unless
// BENCH_LIGHTHOUSE=0. Figures only.
import { spawnSync } from 'node:child_process';
import { ceilingOf, CONNECTIONS, DURATION, freshPostgres, load, printPageWeight, startWithLearner, type Figures } from './lib.ts';
import os from 'node:os';

const PAGES = ['/en', '/en/frameworks/ethical-guidelines', '/en/glossary', '/en/learn'];
// Any cookie but the language one keeps a request away from the page cache (http/page-cache.ts).
const UNCACHED = { cookie: 'bench=1' };
// Searches that the result cache has not seen: "a or b" over pairs of the field's words, each pair
// asked once per run (the words match shipped content, so every search ranks and highlights hits).
const WORDS = ['ethics', 'career', 'guidance', 'quality', 'competence', 'client', 'labour', 'market', 'reflection', 'school', 'learning', 'service', 'digital', 'interview', 'employment', 'adult', 'refugee', 'counsellor', 'pathway', 'skills', 'confidentiality', 'training', 'information', 'decision', 'transition', 'motivation', 'assessment', 'evidence', 'network', 'group', 'family', 'youth', 'migrant', 'values', 'feedback', 'system', 'policy', 'outcome', 'practice', 'research'];
function* distinctSearches() {
	for (const a of WORDS) for (const b of WORDS) if (a !== b) yield `/en/search?q=${a}+or+${b}`;
}
type Row = { name: string; headers: Record<string, string>; path: string; paths?: () => string; signedIn?: boolean };
// The learner's first lesson: its address is known once the learner has enrolled.
const LESSON = '<lesson>';
let searches = distinctSearches();
const nextSearch = () => {
	const next = searches.next();
	if (!next.done) return next.value;
	searches = distinctSearches();
	return searches.next().value!;
};
const rows: Row[] = [
	{ name: '/healthz (SvelteKit floor)', path: '/healthz', headers: {} },
	...PAGES.flatMap((path) => [
		{ name: `${path} cached`, path, headers: {} },
		{ name: `${path} rendered`, path, headers: UNCACHED }
	]),
	{ name: '/en/search?q=ethics (repeated)', path: '/en/search?q=ethics', headers: {} },
	{ name: '/en/search, 1,560 different queries', path: '/en/search?q=ethics+or+career', headers: {}, paths: nextSearch },
	{ name: 'a lesson, signed in', path: LESSON, headers: {}, signedIn: true },
	{ name: '/en/learn (My learning), signed in', path: '/en/learn', headers: {}, signedIn: true }
];
const STARTS = ['start to ready: first (migrate, import)', 'start to ready: again (same data)'];

async function measure(databaseUrl?: string): Promise<{ ceilings: Map<string, Figures>; figures: Map<string, Figures>; starts: number[] }> {
	const { server, cookie, lesson } = await startWithLearner(3140, (env) => {
		if (databaseUrl) env.DATABASE_URL = databaseUrl;
	});
	const figures = new Map<string, Figures>();
	const ceilings = new Map<string, Figures>();
	try {
		for (const row of rows) {
			const path = row.path === LESSON ? lesson : row.path;
			const headers = row.signedIn ? { ...row.headers, cookie } : row.headers;
			await fetch(server.base + path, { headers }); // warm: the first render fills the cache
			searches = distinctSearches(); // each database's run starts with queries its cache has not seen
			figures.set(row.name, await load(server.base + path, headers, row.paths));
			if (!databaseUrl) ceilings.set(row.name, (await ceilingOf(server.base, path, headers)).figures);
		}
		if (!databaseUrl) await printPageWeight(server.base, '/en', 'Home page');
		return { ceilings, figures, starts: [server.readyInMs, await server.restart()] };
	} finally {
		await server.stop();
	}
}

const pglite = await measure();
const postgres = await freshPostgres();
let pgFigures: Map<string, Figures> | undefined;
let pgStarts: number[] = [];
if (postgres) {
	try {
		({ figures: pgFigures, starts: pgStarts } = await measure(postgres.url));
	} finally {
		await postgres.drop();
	}
}

const cell = (f: Figures | undefined, ceiling: Figures) =>
	f ? `${f.rps.toFixed(0).padStart(6)} (${String(f.p50).padStart(3)}/${String(f.p99).padStart(4)} ms) ${(f.rps / ceiling.rps).toFixed(2).padStart(5)}×` : '–'.padStart(31);
console.log(`\nPraxis benchmark — ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION} s per run, Node ${process.version}`);
console.log('req/s (p50/p99) and the share of the bare ceiling for the same bytes\n');
console.log(`| ${'page'.padEnd(44)} | ${'bare ceiling'.padStart(12)} | ${'PGlite'.padEnd(31)} | ${'PostgreSQL'.padEnd(31)} |`);
console.log(`|${'-'.repeat(46)}|${'-'.repeat(14)}|${'-'.repeat(33)}|${'-'.repeat(33)}|`);
for (const row of rows) {
	const ceiling = pglite.ceilings.get(row.name)!;
	console.log(`| ${row.name.padEnd(44)} | ${ceiling.rps.toFixed(0).padStart(12)} | ${cell(pglite.figures.get(row.name), ceiling)} | ${cell(pgFigures?.get(row.name), ceiling)} |`);
}
const ms = (value: number | undefined) => (value === undefined ? '–' : `${(value / 1000).toFixed(1)} s`);
for (const [i, name] of STARTS.entries()) {
	console.log(`| ${name.padEnd(44)} | ${'–'.padStart(12)} | ${ms(pglite.starts[i]).padStart(31)} | ${ms(pgStarts[i]).padStart(31)} |`);
}
// The signed-in pages' target is a share of the SvelteKit floor, not of the ceiling.
const floor = (figures: Map<string, Figures> | undefined, name: string) => {
	const page = figures?.get(name);
	const healthz = figures?.get(rows[0]!.name);
	return page && healthz ? `${(page.rps / healthz.rps).toFixed(2)}×` : '–';
};
for (const row of rows.filter((r) => r.signedIn)) {
	console.log(`\n${row.name}: ${floor(pglite.figures, row.name)} of the SvelteKit floor on PGlite, ${floor(pgFigures, row.name)} on PostgreSQL`);
}

if (process.env.BENCH_LIGHTHOUSE !== '0') {
	console.log('\nLighthouse (bench/lighthouse.ts):');
	spawnSync(process.execPath, ['bench/lighthouse.ts'], { stdio: 'inherit' });
}

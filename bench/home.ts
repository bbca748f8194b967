// `npm run bench`: one table of the public pages under load — served from the rendered-page cache
// (a visitor), rendered by SvelteKit (a visitor whose cookie keeps them out of the cache) — on PGlite
// and, when TEST_DATABASE_URL or DATABASE_URL is set, on PostgreSQL, beside the SvelteKit floor
// (`/healthz`) and a bare node:http server answering the same bytes (the ceiling). Figures only.
import { ceilingOf, CONNECTIONS, DURATION, freshPostgres, load, printPageWeight, startServer, type Figures } from './lib.ts';
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
type Row = { name: string; headers: Record<string, string>; path: string; paths?: () => string };
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
	{ name: '/en/search, 1,560 different queries', path: '/en/search?q=ethics+or+career', headers: {}, paths: nextSearch }
];

async function measure(databaseUrl?: string): Promise<{ ceilings: Map<string, Figures>; figures: Map<string, Figures> }> {
	const server = await startServer(3140, (env) => {
		if (databaseUrl) env.DATABASE_URL = databaseUrl;
	});
	const figures = new Map<string, Figures>();
	const ceilings = new Map<string, Figures>();
	try {
		for (const row of rows) {
			await fetch(server.base + row.path, { headers: row.headers }); // warm: the first render fills the cache
			searches = distinctSearches(); // each database's run starts with queries its cache has not seen
			figures.set(row.name, await load(server.base + row.path, row.headers, row.paths));
			if (!databaseUrl) ceilings.set(row.name, (await ceilingOf(server.base, row.path, row.headers)).figures);
		}
		if (!databaseUrl) await printPageWeight(server.base, '/en', 'Home page');
	} finally {
		await server.stop();
	}
	return { ceilings, figures };
}

const pglite = await measure();
const postgres = await freshPostgres();
let pgFigures: Map<string, Figures> | undefined;
if (postgres) {
	try {
		pgFigures = (await measure(postgres.url)).figures;
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

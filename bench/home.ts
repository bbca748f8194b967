// `npm run bench`: the built server under load beside a bare node:http server that returns the
// same bytes (the ceiling), plus the home page's JavaScript and CSS weight. Figures only.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuild } from '../scripts/lib/build-stamp.ts';

const APP_PORT = 3140;
const BARE_PORT = 3141;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PAGES = ['/en', '/en/glossary'];

if (!(await ensureBuild(process.cwd()))) process.exit(1);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-bench-'));
const app = spawn(process.execPath, ['scripts/start.ts'], {
	env: { ...process.env, PORT: String(APP_PORT), DATA_DIR: dataDir },
	stdio: ['ignore', 'ignore', 'inherit']
});
const base = `http://localhost:${APP_PORT}`;
for (let i = 0; ; i++) {
	try {
		if ((await fetch(`${base}/readyz`)).ok) break;
	} catch {
		// not listening yet
	}
	if (i > 600) throw new Error('the app did not start');
	await new Promise((r) => setTimeout(r, 100));
}

type Figures = { rps: number; p50: number; p99: number };
async function load(url: string): Promise<Figures> {
	const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
	if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
	return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const row = (name: string, f: Figures) =>
	`${name.padEnd(28)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms`;

console.log(`Praxis benchmark — ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION} s per run, Node ${process.version}`);
for (const page of PAGES) {
	const response = await fetch(base + page);
	const body = Buffer.from(await response.arrayBuffer());
	const contentType = response.headers.get('content-type') ?? 'text/html';
	const bare = http.createServer((_req, res) => {
		res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
		res.end(body);
	});
	await new Promise<void>((resolve) => bare.listen(BARE_PORT, resolve));
	const ceiling = await load(`http://localhost:${BARE_PORT}${page}`);
	const praxis = await load(base + page);
	bare.close();
	console.log(`\n${page} (${body.length} bytes of HTML)`);
	console.log(row('bare node:http (ceiling)', ceiling));
	console.log(row('Praxis', praxis));
	console.log(`Praxis reaches ${((praxis.rps / ceiling.rps) * 100).toFixed(1)}% of the ceiling's throughput.`);
}

// What a visitor downloads besides the HTML: every script and stylesheet of the home page, gzipped.
const home = await (await fetch(`${base}/en`)).text();
const assets = [...home.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(js|css))"/g)].map((m) => ({
	href: new URL(m[1]!, `${base}/en`).href,
	kind: m[2]!
}));
const inlineScripts = [...home.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('');
let js = gzipSync(inlineScripts).length * (inlineScripts.trim() ? 1 : 0);
let css = 0;
for (const asset of assets) {
	const bytes = gzipSync(Buffer.from(await (await fetch(asset.href)).arrayBuffer())).length;
	if (asset.kind === 'js') js += bytes;
	else css += bytes;
}
console.log(`\nHome page weight (gzip): JavaScript ${(js / 1024).toFixed(1)} KiB, CSS ${(css / 1024).toFixed(1)} KiB (${assets.length} files)`);

app.kill('SIGTERM');
await new Promise((resolve) => app.on('exit', resolve));
fs.rmSync(dataDir, { recursive: true, force: true });

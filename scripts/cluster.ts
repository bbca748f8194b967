// `npm run serve:cluster`: Praxis on every core of one machine. Node's cluster module forks
// WEB_CONCURRENCY workers (default: one per core), each a whole `npm start` (scripts/start.ts)
// sharing the one port; the kernel spreads connections over them. They share one PostgreSQL
// (DATABASE_URL is required: the embedded store belongs to one process), migrate and import one
// after the other, and keep their caches and event streams in step through LISTEN/NOTIFY.
// SIGTERM or SIGINT stops every worker gracefully; a worker that dies otherwise is replaced.
import cluster from 'node:cluster';
import os from 'node:os';
import { ensureBuild } from './lib/build-stamp.ts';

function fail(message: string): never {
	console.error(`praxis: ${message}`);
	process.exit(1);
}

if (!process.env.DATABASE_URL) fail('serve:cluster needs DATABASE_URL (a PostgreSQL server): the embedded database serves one process.');
const raw = process.env.WEB_CONCURRENCY ?? String(os.availableParallelism());
const workers = Number(raw);
if (!Number.isInteger(workers) || workers < 1 || workers > 64) fail(`Invalid WEB_CONCURRENCY="${raw}": must be a whole number between 1 and 64`);
// Build once here, so that the workers find the build up to date.
if (!(await ensureBuild(process.cwd()))) fail('the build failed (see the output above).');

cluster.setupPrimary({ exec: 'scripts/start.ts' });
let stopping = false;
for (let i = 0; i < workers; i++) cluster.fork();
console.log(`Praxis cluster: ${workers} worker(s) on one port.`);

cluster.on('exit', (worker, code, signal) => {
	if (stopping) {
		if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
		return;
	}
	console.error(`praxis: worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
	cluster.fork();
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
	});
}

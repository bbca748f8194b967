// `npm test`: every check a change must pass, in the order that fails fastest.
// Type checks → unit and integration tests (PGlite, plus PostgreSQL when TEST_DATABASE_URL is set)
// → production build → browser tests against that build in the system Chromium.
import { spawnSync } from 'node:child_process';
import { ensureBuild } from './lib/build-stamp.ts';

const root = process.cwd();

function exec(command: string, args: string[]): boolean {
	return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env }).status === 0;
}

const steps: [string, () => boolean | Promise<boolean>][] = [
	['type checks', () => exec('npm', ['run', '--silent', 'check'])],
	['unit and integration tests', () => exec(`${root}/node_modules/.bin/vitest`, ['run'])],
	['production build', () => ensureBuild(root, true)],
	['browser tests', () => exec(`${root}/node_modules/.bin/playwright`, ['test'])]
];

type Outcome = { name: string; seconds: number; status: 'passed' | 'failed' | 'not run' };

/** The per-stage times, as a table; printed at the end whether the run passed or not. */
function summary(outcomes: Outcome[]): string {
	const width = Math.max(...outcomes.map((o) => o.name.length), 'total'.length);
	const line = (name: string, time: string, status: string) => `  ${name.padEnd(width)}  ${time.padStart(8)}  ${status}`;
	const total = outcomes.reduce((sum, o) => sum + o.seconds, 0);
	return [
		'Stage times:',
		...outcomes.map((o) => line(o.name, o.status === 'not run' ? '–' : `${o.seconds.toFixed(1)} s`, o.status)),
		line('total', `${total.toFixed(1)} s`, `(${Math.floor(total / 60)} min ${Math.round(total % 60)} s)`)
	].join('\n');
}

const outcomes: Outcome[] = steps.map(([name]) => ({ name, seconds: 0, status: 'not run' }));
for (const [i, [name, run]] of steps.entries()) {
	const t = Date.now();
	console.log(`\n▶ ${name}`);
	const ok = await run();
	const outcome = outcomes[i]!;
	outcome.seconds = (Date.now() - t) / 1000;
	outcome.status = ok ? 'passed' : 'failed';
	console.log(`${ok ? '✔' : '✘'} ${name} (${outcome.seconds.toFixed(1)} s)`);
	if (!ok) {
		console.error(`\n${summary(outcomes)}\n\nnpm test failed at: ${name}`);
		process.exit(1);
	}
}
console.log(`\n${summary(outcomes)}\n\nAll checks passed.`);

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

const started = Date.now();
for (const [name, run] of steps) {
	const t = Date.now();
	console.log(`\n▶ ${name}`);
	const ok = await run();
	console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
	if (!ok) {
		console.error(`\nnpm test failed at: ${name}`);
		process.exit(1);
	}
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);

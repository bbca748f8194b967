import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_PORT } from '../../playwright.config.ts';

// The operator's view: start, refuse a second process, stop within 10 s, restart on the same data.
// These run the same `node scripts/start.ts` that `npm start` runs, against the tested build.

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };
const children: ChildProcess[] = [];

function start(env: Record<string, string>): Started {
	let output = '';
	const child = spawn(process.execPath, ['scripts/start.ts'], {
		env: { ...process.env, LOG_LEVEL: 'warn', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	children.push(child);
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, output: () => output, exited };
}

async function waitForListening(started: Started): Promise<void> {
	await expect.poll(started.output, { timeout: 60_000 }).toContain('Praxis is listening on');
}

test.describe.configure({ mode: 'serial' });
test.afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

test('start, refuse a second process, stop on SIGTERM within 10 s, restart on the same data', async () => {
	test.setTimeout(120_000);
	// A copy of the suite's data folder as the content import left it (playwright.config.ts): the
	// first start from an empty folder is the suite's own servers' start.
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-life-'));
	fs.cpSync('.e2e-data-life', dataDir, { recursive: true });
	const first = start({ PORT: String(E2E_PORT + 7), DATA_DIR: dataDir });
	await waitForListening(first);
	expect(first.output()).toContain(`Praxis is listening on http://localhost:${E2E_PORT + 7}`);
	expect(first.output()).toContain(`Data: ${dataDir} (embedded PGlite)`);
	const terms = await (await fetch(`http://localhost:${E2E_PORT + 7}/en/glossary`)).text();
	const count = terms.match(/<dt[ >]/g)?.length ?? 0;
	expect(count).toBeGreaterThanOrEqual(25);

	// A second process on the same folder leaves at once, with one clear line.
	const second = start({ PORT: String(E2E_PORT + 8), DATA_DIR: dataDir });
	expect(await second.exited).toBe(1);
	expect(second.output().trim()).toMatch(/^praxis: The data folder .* is in use by another Praxis process \(pid \d+\)/);
	expect(second.output()).not.toContain('    at ');

	const stopping = Date.now();
	first.child.kill('SIGTERM');
	expect(await first.exited).toBe(0);
	expect(Date.now() - stopping).toBeLessThan(10_000);
	expect(fs.existsSync(path.join(dataDir, 'praxis.lock'))).toBe(false);

	// Every committed row is there after a restart.
	const again = start({ PORT: String(E2E_PORT + 9), DATA_DIR: dataDir });
	await waitForListening(again);
	const after = await (await fetch(`http://localhost:${E2E_PORT + 9}/en/glossary`)).text();
	expect(after.match(/<dt[ >]/g)?.length).toBe(count);
	again.child.kill('SIGINT');
	expect(await again.exited).toBe(0);
});

test('a bad setting stops the start with one line naming the variable', async () => {
	for (const [env, expected] of [
		[{ PORT: 'eighty' }, 'praxis: Invalid PORT="eighty": must be a whole number between 1 and 65535'],
		[{ DATABASE_URL: 'postgres://praxis:secret@127.0.0.1:1/praxis' }, 'praxis: Invalid DATABASE_URL=postgres://praxis:***@127.0.0.1:1/praxis: cannot connect']
	] as const) {
		const run = start(env);
		expect(await run.exited).toBe(1);
		expect(run.output().trim()).toContain(expected);
		expect(run.output().trim().split('\n')).toHaveLength(1);
		expect(run.output()).not.toContain('secret');
	}
});

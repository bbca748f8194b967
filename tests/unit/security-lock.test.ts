// Issue 16, defect 11: a restart right after `kill -9` was refused while the dead process's lock
// still named it (a killed process stays a zombie until its parent reaps it); a reused pid, too.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, lockHolder } from '../../src/lib/server/db/lock.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-lock-'));
const state = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[0];

describe.skipIf(!fs.existsSync('/proc/self/stat'))('a stale data folder lock', () => {
	it('is taken over right after its holder was killed with -9 (a zombie not yet reaped)', async () => {
		// The holder's parent (`sleep`) never reaps it: it stays a zombie, as it does for a moment
		// under any process manager.
		const parent = spawn('sh', ['-c', 'sleep 30 & echo $!; exec sleep 30']);
		const holder = Number((await new Promise<Buffer>((resolve) => parent.stdout.once('data', resolve))).toString().trim());
		try {
			const dir = tmp();
			fs.writeFileSync(path.join(dir, 'praxis.lock'), String(holder));
			expect(lockHolder(dir)).toBe(holder);
			execFileSync('kill', ['-9', String(holder)]);
			for (let i = 0; i < 50 && state(holder) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 10));
			expect(state(holder)).toBe('Z');
			expect(lockHolder(dir)).toBeUndefined();
			acquireDataDirLock(dir)();
		} finally {
			parent.kill('SIGKILL');
		}
	});

	it('is taken over when its pid now belongs to a process that started later', () => {
		const dir = tmp();
		// Our own parent is alive, but it did not take this lock (another start time).
		fs.writeFileSync(path.join(dir, 'praxis.lock'), `${process.ppid} 1`);
		expect(lockHolder(dir)).toBeUndefined();
		acquireDataDirLock(dir)();
	});
});

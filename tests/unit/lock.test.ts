import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, lockHolder } from '../../src/lib/server/db/lock.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-lock-'));

describe('data folder lock', () => {
	it('refuses a second process while the first is alive', async () => {
		const dir = tmp();
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
		try {
			fs.writeFileSync(path.join(dir, 'praxis.lock'), String(other.pid));
			expect(lockHolder(dir)).toBe(other.pid);
			expect(() => acquireDataDirLock(dir)).toThrowError(/is in use by another Praxis process \(pid \d+\)/);
		} finally {
			other.kill();
		}
	});

	it('takes over a lock left by a process that died, and releases it', () => {
		const dir = tmp();
		fs.writeFileSync(path.join(dir, 'praxis.lock'), '999999999');
		const release = acquireDataDirLock(dir);
		expect(fs.readFileSync(path.join(dir, 'praxis.lock'), 'utf8').split(' ')[0]).toBe(String(process.pid));
		release();
		expect(fs.existsSync(path.join(dir, 'praxis.lock'))).toBe(false);
	});
});

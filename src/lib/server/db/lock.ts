import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../config/index.ts';

const LOCK_NAME = 'praxis.lock';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The pid of a live process holding the data folder's lock, if any. */
export function lockHolder(dataDir: string): number | undefined {
	try {
		const holder = Number.parseInt(fs.readFileSync(path.join(dataDir, LOCK_NAME), 'utf8'), 10);
		return Number.isInteger(holder) && holder !== process.pid && isAlive(holder) ? holder : undefined;
	} catch {
		return undefined;
	}
}

/** The operator's message when a data folder is taken. */
export function dataDirInUseMessage(dataDir: string, pid: number): string {
	return `The data folder ${dataDir} is in use by another Praxis process (pid ${pid}). Stop that process first, or set DATA_DIR to another folder.`;
}

/**
 * Takes the embedded store's lock: one process per data folder, because two PGlite instances
 * on the same files corrupt them. A lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const lockPath = path.join(dataDir, LOCK_NAME);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
			let released = false;
			return () => {
				if (released) return;
				released = true;
				fs.rmSync(lockPath, { force: true });
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = lockHolder(dataDir);
			if (holder !== undefined) throw new StartupError(dataDirInUseMessage(dataDir, holder));
			fs.rmSync(lockPath, { force: true });
		}
	}
	throw new StartupError(`Could not take the lock ${lockPath}.`);
}

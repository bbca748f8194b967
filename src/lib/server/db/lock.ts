import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../config/index.ts';

const LOCK_NAME = 'praxis.lock';

/**
 * Linux's view of a process: its state and its start time (clock ticks since boot), or undefined
 * where there is no /proc. The start time tells a reused pid from the one that took the lock.
 */
function procStat(pid: number): { state: string; startTime: string } | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { state: fields[0]!, startTime: fields[19]! };
	} catch {
		return undefined;
	}
}

/** The lock file's content: our pid and, on Linux, when this process started. */
function lockContent(): string {
	const startTime = procStat(process.pid)?.startTime;
	return startTime ? `${process.pid} ${startTime}` : String(process.pid);
}

function isAlive(pid: number, startTime: string | undefined): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
	}
	const stat = procStat(pid);
	if (!stat) return true;
	// Killed (kill -9) but not yet reaped by its parent: a zombie holds no files. Or the pid now
	// belongs to another process that started later.
	if (stat.state === 'Z' || stat.state === 'X') return false;
	return startTime === undefined || stat.startTime === startTime;
}

/** The pid of a live process holding the data folder's lock, if any. */
export function lockHolder(dataDir: string): number | undefined {
	try {
		const [pidText, startTime] = fs.readFileSync(path.join(dataDir, LOCK_NAME), 'utf8').trim().split(/\s+/);
		const holder = Number.parseInt(pidText ?? '', 10);
		return Number.isInteger(holder) && holder !== process.pid && isAlive(holder, startTime) ? holder : undefined;
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
			fs.writeFileSync(lockPath, lockContent(), { flag: 'wx' });
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

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Everything that goes into `vite build`; a change to any of these means the build is stale.
const INPUTS = ['src', 'messages', 'static', 'project.inlang/settings.json', 'vite.config.ts', 'package-lock.json', 'patches'];
const SKIP = new Set(['src/lib/paraglide']);
export const STAMP_FILE = 'build/.praxis-build-stamp';

function walk(root: string, rel: string, hash: ReturnType<typeof createHash>): void {
	const full = path.join(root, rel);
	if (SKIP.has(rel) || !fs.existsSync(full)) return;
	const stat = fs.statSync(full);
	if (stat.isDirectory()) {
		for (const name of fs.readdirSync(full).sort()) walk(root, path.posix.join(rel, name), hash);
	} else {
		hash.update(rel).update('\0').update(fs.readFileSync(full)).update('\0');
	}
}

/** A hash of every build input. */
export function computeBuildStamp(root: string): string {
	const hash = createHash('sha256');
	for (const input of INPUTS) walk(root, input, hash);
	return hash.digest('hex');
}

/** True when build/ exists and was made from the current inputs. */
export function buildIsCurrent(root: string): boolean {
	try {
		return (
			fs.existsSync(path.join(root, 'build/handler.js')) &&
			fs.readFileSync(path.join(root, STAMP_FILE), 'utf8') === computeBuildStamp(root)
		);
	} catch {
		return false;
	}
}

/** Records the inputs a build was made from (the stamp taken before it started). */
export function writeBuildStamp(root: string, stamp = computeBuildStamp(root)): void {
	fs.writeFileSync(path.join(root, STAMP_FILE), stamp);
}

/** Runs `vite build` when the build is missing or stale; returns false if the build failed. */
export async function ensureBuild(root: string, force = false): Promise<boolean> {
	if (!force && buildIsCurrent(root)) return true;
	// Taken before the build: a file changed while vite runs makes the next start build again.
	const stamp = computeBuildStamp(root);
	const { spawnSync } = await import('node:child_process');
	console.log('Building Praxis (only when the sources changed)…');
	const result = spawnSync(process.execPath, [path.join(root, 'scripts/lib/vite-build.ts')], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
	if (result.status !== 0) return false;
	writeBuildStamp(root, stamp);
	return true;
}

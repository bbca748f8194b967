// Run after `npm install` changes package-lock.json. The registry this project is built from
// only serves the linux-x64 builds of a few packages' platform binaries, so npm leaves the other
// platforms' optional packages out of the lockfile and `npm ci` then refuses it as out of sync.
// This adds those entries back (they are never installed on a platform they do not match).
import fs from 'node:fs';

type Entry = { version?: string; optionalDependencies?: Record<string, string>; dev?: boolean };
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, Entry> };
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const parent = key.slice(0, key.lastIndexOf('node_modules/'));
		const where = [`${key}/node_modules/${name}`, `${parent}node_modules/${name}`, `node_modules/${name}`];
		if (where.some((k) => lock.packages[k])) continue;
		const platform = name.match(/(darwin|linux|win32|freebsd|android|openbsd|sunos|aix)-(x64|arm64|ia32|arm|riscv64|s390x|ppc64|loong64|wasm32)(?:-(gnu|musl|msvc|gnueabihf|eabi))?/);
		if (!platform) continue;
		lock.packages[`node_modules/${name}`] = {
			version: version.replace(/^[\^~]/, ''),
			...(entry.dev ? { dev: true } : {}),
			optional: true,
			os: [platform[1]!],
			cpu: [platform[2]!],
			...(platform[3] === 'gnu' || platform[3] === 'musl' ? { libc: [platform[3] === 'gnu' ? 'glibc' : 'musl'] } : {})
		} as Entry;
		added++;
	}
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, '\t')}\n`);
console.log(`package-lock.json: added ${added} entries for other platforms.`);

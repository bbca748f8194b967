// Runs in every test file (vitest `setupFiles`). Closes the PGlite instances the file's tests
// returned to the pool in tests/helpers/db.ts: an open PGlite keeps its worker alive.
import { afterAll } from 'vitest';

afterAll(async () => {
	const idle = (globalThis as { praxisIdleDatabases?: { close: () => Promise<void> }[] }).praxisIdleDatabases ?? [];
	for (const database of idle.splice(0)) await database.close();
});

// Runs before every test file (vitest `setupFiles`). The files of a worker share one module registry
// (`isolate: false` in vite.config.ts: importing the app's modules once per worker instead of once
// per file halves the unit stage's CPU), so each file must start from the state the run began with
// and leave nothing behind: the environment (some files set TOTP_KEYS, SMTP_URL, PUBLIC_ORIGIN),
// the configuration read from it and the course cache. The emptied PGlite databases in the pool of
// tests/helpers/db.ts stay open for the worker's next file: booting one costs a second or more of
// CPU, which closing them here cost every file (a third of the unit stage's CPU).
import { afterAll } from 'vitest';
import { forgetConfig } from '../../src/lib/server/config/index.ts';
import { clearLearnCache } from '../../src/lib/server/learn/catalogue/cache.ts';

const environment = { ...process.env };
forgetConfig();
clearLearnCache();

afterAll(async () => {
	for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
	Object.assign(process.env, environment);
	forgetConfig();
	clearLearnCache();
});

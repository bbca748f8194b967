import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Browser tests drive the production build in the system Chromium (no browser download): Debian's
// headless shell of the same Chromium when it is installed (what Playwright itself runs headless;
// the full browser in headless mode spent about a third more of the suite's CPU on its own
// browser and GPU processes), else the full browser.
const chromium = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';
// E2E_PORT moves the whole suite's ports (it uses E2E_PORT … E2E_PORT + 9), so two checkouts can
// run their browser tests side by side.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3123);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
export const PROXIED_URL = `http://localhost:${E2E_PORT + 1}`;
// The suite's mail server (tests/e2e/mail-sink.ts): SMTP on E2E_PORT + 4, what arrived over HTTP on + 5.
const MAIL_SMTP_PORT = E2E_PORT + 4;
export const MAIL_SINK_URL = `http://localhost:${E2E_PORT + 5}`;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	timeout: 30_000,
	use: {
		baseURL: BASE_URL,
		// CI keeps no traces (nobody can open them there; recording them costs a fifth of the run's CPU).
		trace: process.env.CI ? 'off' : 'retain-on-failure',
		launchOptions: {
			executablePath: chromium,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: [
		{
			command: `node tests/e2e/mail-sink.ts ${MAIL_SMTP_PORT} ${E2E_PORT + 5}`,
			url: `${MAIL_SINK_URL}/health`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			// A fresh embedded database for every run: migrations and content import are part of the
			// test. The content is imported once, as an operator would, and the folder copied for the
			// proxied server below (Playwright starts the servers one after the other) and for the
			// operator's restarts in lifecycle.spec.ts, which saves each a second initdb and import.
			// Then the first administrator is created as an operator would, and their link kept.
			command:
				'rm -rf .e2e-data .e2e-data-proxy .e2e-data-life .e2e-data-admin-totp.txt .e2e-data-admin.lock .e2e-data-admin-state.json && node scripts/content-import.ts > /dev/null && cp -r .e2e-data .e2e-data-proxy && cp -r .e2e-data .e2e-data-life && node scripts/admin-create.ts --email admin@praxis.test --name "Ada Admin" > .e2e-data-admin.txt && node scripts/start.ts',
			url: `${BASE_URL}/readyz`,
			env: {
				PORT: String(E2E_PORT),
				DATA_DIR: '.e2e-data',
				LOG_LEVEL: 'warn',
				SIGNUP_LIMIT_PER_HOUR: '60',
				// Mail really leaves, by SMTP, to the suite's mail server; links point at this server.
				SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}`,
				PUBLIC_ORIGIN: BASE_URL,
				// Community digests are looked for every two seconds (not ten minutes), so a digest is seen arriving.
				DIGEST_SWEEP_SECONDS: '2',
				// Open Badges are signed with a configured key (Ed25519, a test-only key): the browser
				// test checks the signature against the published keys with an independent library.
				BADGE_SIGNING_KEYS: 'MC4CAQAwBQYDK2VwBCIEICdjpBZ9wXDXezwJCoo/P2pUeUxBQvn9Gtf0bYbwnGBq'
			},
			reuseExistingServer: false,
			timeout: 180_000,
			stdout: 'pipe'
		},
		{
			// The same build as it runs behind a TLS-terminating reverse proxy, on the copy made above.
			command: 'node scripts/start.ts',
			url: `${PROXIED_URL}/readyz`,
			env: { PORT: String(E2E_PORT + 1), DATA_DIR: '.e2e-data-proxy', TRUST_PROXY: 'true', LOG_LEVEL: 'warn' },
			reuseExistingServer: false,
			timeout: 180_000,
			stdout: 'pipe'
		}
	]
});

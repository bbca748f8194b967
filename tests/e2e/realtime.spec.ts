import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { hashPassword } from '../../src/lib/server/accounts/passwords.ts';
import { E2E_PORT } from '../../playwright.config.ts';
import { COURSE, courseLessons } from './course.ts';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { signIn, totpNow } from './helpers.ts';

// Two app instances on one PostgreSQL database, as in production behind a load balancer: an event
// emitted by a request on one instance reaches a live page served by the other, through
// LISTEN/NOTIFY. The spec starts its own two servers on a fresh database (the suite's servers use
// PGlite) and skips only when PostgreSQL does not answer.

const ADMIN_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORTS = [E2E_PORT + 2, E2E_PORT + 3] as const;
const [A, B] = PORTS.map((port) => `http://localhost:${port}`) as [string, string];
const en = messages('en');
const FACILITATOR = { name: 'Freya Facilitator', email: 'freya@praxis.test', password: 'a long facilitator phrase' };
const MEMBER = { name: 'Milan Member', email: 'milan@praxis.test', password: 'a long member passphrase' };

let database = '';
let unreachable = '';
const servers: ChildProcess[] = [];

async function adminQuery(query: string): Promise<void> {
	const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
	await client.connect();
	try {
		await client.query(query);
	} finally {
		await client.end();
	}
}

function databaseUrl(): string {
	const url = new URL(ADMIN_URL);
	url.pathname = `/${database}`;
	return url.toString();
}

/** Starts `npm start`'s script on `port` against the shared database and waits until it is ready. */
async function startInstance(port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['scripts/start.ts'], {
		env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl(), LOG_LEVEL: 'warn', DATA_DIR: `.e2e-data-realtime-${port}` },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	servers.push(child);
	for (let waited = 0; waited < 180_000; waited += 250) {
		if (child.exitCode !== null) throw new Error(`the instance on port ${port} exited with ${child.exitCode}`);
		const ready = await fetch(`http://localhost:${port}/readyz`).then((r) => r.ok, () => false);
		if (ready) return child;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`the instance on port ${port} did not become ready`);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(300_000);
	try {
		await adminQuery('select 1');
	} catch (error) {
		unreachable = `PostgreSQL does not answer at ${ADMIN_URL} (${(error as Error).message || (error as NodeJS.ErrnoException).code}): the two-instance test needs it`;
		return;
	}
	database = `praxis_e2e_realtime_${randomBytes(4).toString('hex')}`;
	await adminQuery(`create database ${database}`);
	// One after the other: the first migrates the database and imports the content.
	await startInstance(PORTS[0]);
	await startInstance(PORTS[1]);
	// Two people as an admin would have set them up: a facilitator, and a member-to-be.
	const client = new pg.Client({ connectionString: databaseUrl() });
	await client.connect();
	try {
		for (const [person, role] of [[FACILITATOR, 'facilitator'], [MEMBER, 'member']] as const) {
			await client.query(
				`insert into app_user (email, email_verified_at, password_hash, display_name, locale, country, sector, role)
				 values ($1, now(), $2, $3, 'en', 'NO', 'school', $4)`,
				[person.email, await hashPassword(person.password), person.name, role]
			);
		}
	} finally {
		await client.end();
	}
});

test.afterAll(async () => {
	await Promise.all(
		servers.map(
			(child) =>
				new Promise<void>((resolve) => {
					if (child.exitCode !== null) return resolve();
					child.once('exit', () => resolve());
					child.kill('SIGTERM');
				})
		)
	);
	if (database) await adminQuery(`drop database if exists ${database} with (force)`).catch(() => {});
});

test('a facilitator’s page on one instance follows a member’s progress made on the other', async ({ browser }) => {
	test.skip(!!unreachable, unreachable);
	test.setTimeout(120_000);

	// The facilitator, on instance A, creates a cohort and keeps its page open.
	const facilitator = await (await browser.newContext({ baseURL: A })).newPage();
	await signIn(facilitator, FACILITATOR.email, FACILITATOR.password);
	await expect(facilitator).not.toHaveURL(/signin/);
	await facilitator.goto('/en/learn/cohorts');
	await expectAccessible(facilitator);
	await facilitator.getByLabel(en.cohort_course!, { exact: true }).selectOption(COURSE.slug);
	await facilitator.getByLabel(en.cohort_name!, { exact: true }).fill('Live cohort');
	await facilitator.getByRole('button', { name: en.cohort_create, exact: true }).click();
	await expect(facilitator.getByRole('heading', { level: 1, name: 'Live cohort' })).toBeVisible();
	const code = (await facilitator.locator('main code').first().textContent())!;
	await expect(facilitator.getByText(en.cohort_no_members!)).toBeVisible();
	// The page says it follows progress once its event stream is open.
	await expect(facilitator.getByText(en.cohort_live_on!)).toBeVisible();
	await expectAccessible(facilitator);
	// Marks this very page: a reload or navigation would lose the mark.
	await facilitator.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

	// The member, on instance B, joins with the code.
	const member = await (await browser.newContext({ baseURL: B })).newPage();
	await signIn(member, MEMBER.email, MEMBER.password);
	await expect(member).not.toHaveURL(/signin/);
	await member.goto(`/en/learn/cohorts?code=${encodeURIComponent(code)}`);
	await member.getByRole('button', { name: en.cohort_join, exact: true }).click();
	await expect(member.getByText(en.cohort_joined!)).toBeVisible();
	await expectAccessible(member);

	// Instance A hears of it through PostgreSQL and the open page shows the new member.
	const row = facilitator.getByRole('row', { name: new RegExp(MEMBER.name) });
	await expect(row).toBeVisible({ timeout: 15_000 });
	// The columns: member (a row header), joined, lessons, modules, quizzes, completed.
	const lessonsDone = row.getByRole('cell').nth(1);
	await expect(lessonsDone).toHaveText(/^0 \/ \d+$/);

	// The member completes a lesson on B (opening it is all it asks): the count moves on A.
	const viewed = courseLessons().find((l) => l.structure.completion === 'viewed')!;
	await member.goto(`/en${viewed.path}`);
	await expect(member.getByRole('heading', { level: 1, name: viewed.texts.title })).toBeVisible();
	await expectAccessible(member);
	await expect(lessonsDone).toHaveText(/^1 \/ \d+$/, { timeout: 15_000 });
	await expect(facilitator.getByRole('status').filter({ hasText: en.cohort_live_updated!.split('{time}')[0]! })).toBeVisible();
	expect(await facilitator.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
	await expectAccessible(facilitator);

	// The stream is the facilitator's alone: the member gets the 404 of a cohort that does not exist.
	const cohortPath = new URL(facilitator.url()).pathname;
	expect((await member.request.get(`${B}${cohortPath}/events`)).status()).toBe(404);
});

test('a live ethics-card session spans the two instances: a participant on the other follows the facilitator and is counted', async ({ browser }) => {
	test.skip(!!unreachable, unreachable);
	test.setTimeout(120_000);
	const card = { title: 'More than a career question', question: 'Where does your mandate as a careers adviser end in this conversation?' };

	// The facilitator, on instance A, opens a session of one card.
	const facilitator = await (await browser.newContext({ baseURL: A })).newPage();
	await signIn(facilitator, FACILITATOR.email, FACILITATOR.password);
	await expect(facilitator).not.toHaveURL(/signin/);
	await facilitator.goto('/en/cards/live/new');
	await facilitator.getByLabel(card.title).check();
	await facilitator.getByLabel(en.cards_live_anonymous!).uncheck();
	await facilitator.getByRole('button', { name: en.cards_live_create }).click();
	const code = (await facilitator.getByTestId('join-code').textContent())!.trim();

	// Two participants without accounts, one on each instance, join by the code.
	const participants = [];
	for (const [name, base] of [['Ada', A], ['Bo', B]] as const) {
		const page = await (await browser.newContext({ baseURL: base })).newPage();
		await page.goto(`/en/join/${code}`);
		await page.getByLabel(en.cards_live_display_name!).fill(name);
		await page.getByRole('button', { name: en.cards_live_join_button }).click();
		await expect(page.getByRole('heading', { name: en.cards_live_waiting })).toBeVisible();
		await expect(page.getByText(en.cards_live_refresh_note!)).toBeHidden();
		participants.push(page);
	}
	const [ada, bo] = participants as [(typeof participants)[0], (typeof participants)[0]];
	// Bo, who joined on B, appears on the facilitator's page on A.
	await expect(facilitator.getByRole('button', { name: new RegExp(`^${en.cards_live_remove}\\s*: Bo$`) })).toBeVisible({ timeout: 15_000 });
	// Marks Bo's page: a reload or navigation would lose the mark.
	await bo.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

	// The card reaches the participant on B through PostgreSQL, without a reload.
	await facilitator.getByRole('button', { name: en.cards_live_start }).click();
	await expect(bo.getByRole('heading', { name: card.title })).toBeVisible({ timeout: 15_000 });
	await expect(ada.getByRole('heading', { name: card.title })).toBeVisible();
	expect(await bo.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
	await expectAccessible(bo);

	// Both answer; the count on A includes the answer given on B.
	for (const [page, answer] of [[ada, 'Where his health comes in.'], [bo, 'When he needs a doctor more than a plan.']] as const) {
		await page.getByLabel(card.question).fill(answer);
		await page.getByRole('button', { name: en.cards_live_send_answer }).click();
		await expect(page.getByText(en.cards_live_answer_saved!)).toBeVisible();
	}
	const fill = (text: string, values: Record<string, string>) => Object.entries(values).reduce((t, [k, v]) => t.replace(`{${k}}`, v), text);
	await expect(facilitator.getByTestId('answer-count')).toHaveText(fill(en.cards_live_answer_count!, { count: '2', participants: '2' }), { timeout: 15_000 });

	// Revealed on A, Ada's answer (given on A) shows on Bo's screen (served by B); the end reaches B.
	await facilitator.getByRole('button', { name: en.cards_live_reveal }).click();
	await expect(bo.getByText('Where his health comes in.')).toBeVisible({ timeout: 15_000 });
	await facilitator.getByRole('button', { name: en.cards_live_end }).click();
	await expect(bo.getByRole('heading', { name: en.cards_live_ended })).toBeVisible({ timeout: 15_000 });
});

/**
 * A reverse proxy in front of the two instances, as a load balancer without sticky sessions: each
 * request goes to the next instance in turn (the Host header kept, as proxies pass it), and the
 * response says which one answered.
 */
async function roundRobinProxy(port: number): Promise<{ served: { instance: string; cookie: boolean }[]; close: () => Promise<void> }> {
	const served: { instance: string; cookie: boolean }[] = [];
	let turn = 0;
	const server = http.createServer((req, res) => {
		const index = turn++ % 2;
		const instance = index === 0 ? 'A' : 'B';
		served.push({ instance, cookie: /praxis_session/.test(req.headers.cookie ?? '') });
		const upstream = http.request({ host: '127.0.0.1', port: PORTS[index], method: req.method, path: req.url, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': instance });
			answer.pipe(res);
		});
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(port, resolve));
	return {
		served,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}

test('behind a proxy that alternates between the instances: one session on both, and an edit on one clears the cached page on the other', async ({ browser, playwright }) => {
	test.skip(!!unreachable, unreachable);
	test.setTimeout(120_000);
	const proxy = await roundRobinProxy(E2E_PORT + 6);
	const base = `http://localhost:${E2E_PORT + 6}`;
	const term = '/sk/glossary/career-guidance';
	const changed = 'Individuálna podpora, ktorá človeku pomáha stavať na kariérovom učení (upravené v editore).';
	try {
		// A visitor's page is rendered by each instance, then answered from each one's cache (a cached
		// answer carries no request id: SvelteKit did not run). The first visit sets the language
		// cookie, so it is not kept; from then on the visitor is one the cache may answer.
		const visitor = await playwright.request.newContext({ baseURL: base });
		const visits = [];
		for (let i = 0; i < 6; i++) {
			const response = await visitor.get(term);
			expect(response.status()).toBe(200);
			visits.push({ by: response.headers()['x-served-by'], cached: !response.headers()['x-request-id'], text: await response.text() });
		}
		expect(visits.map((v) => `${v.by}:${v.cached}`).slice(-2)).toEqual(['A:true', 'B:true']);
		expect(visits.every((v) => !v.text.includes(changed))).toBe(true);

		// An editor signs in and turns on two-step sign-in through the proxy: each request of the
		// session lands on the other instance from the one before, and the session holds on both.
		const editor = { name: 'Eda Editor', email: 'eda@praxis.test', password: 'a long editor passphrase' };
		const client = new pg.Client({ connectionString: databaseUrl() });
		await client.connect();
		try {
			await client.query(
				`insert into app_user (email, email_verified_at, password_hash, display_name, locale, country, sector, role)
				 values ($1, now(), $2, $3, 'en', 'SK', 'school', 'editor')`,
				[editor.email, await hashPassword(editor.password), editor.name]
			);
		} finally {
			await client.end();
		}
		const page = await (await browser.newContext({ baseURL: base })).newPage();
		await signIn(page, editor.email, editor.password);
		await expect(page).not.toHaveURL(/signin/);
		await page.goto('/en/account/security');
		await page.getByRole('button', { name: en.totp_start, exact: true }).click();
		const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
		await page.getByLabel(en.totp_code!, { exact: true }).fill(totpNow(secret));
		await page.getByRole('button', { name: en.totp_confirm, exact: true }).click();
		await expect(page.getByRole('heading', { name: en.totp_recovery_heading })).toBeVisible();
		const signedIn = proxy.served.filter((s) => s.cookie);
		expect(new Set(signedIn.map((s) => s.instance))).toEqual(new Set(['A', 'B']));

		// The editor changes the Slovak definition (whichever instance takes the post).
		await page.goto('/en/editor/glossary/career-guidance?locale=sk');
		await page.getByLabel(en.editor_glossary_field_definition!, { exact: true }).fill(changed);
		await page.getByRole('button', { name: en.editor_save, exact: true }).click();
		await expect(page.getByText(en.editor_saved!)).toBeVisible();

		// Both instances forget their cached page: the visitor sees the change from each.
		await expect
			.poll(
				async () => {
					const seen = [];
					for (let i = 0; i < 2; i++) {
						const response = await visitor.get(term);
						seen.push(`${response.headers()['x-served-by']}:${(await response.text()).includes(changed)}`);
					}
					return seen.sort();
				},
				{ timeout: 15_000 }
			)
			.toEqual(['A:true', 'B:true']);
		await visitor.dispose();
	} finally {
		await proxy.close();
	}
});

import { BASE_URL } from '../../playwright.config.ts';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { isMember, isPublic, ROUTES, send, setUpFixtures, staleKeys, type Fixtures } from './outside-in.ts';
import { addressOf, keyOf, type Route } from './routes.ts';
import type { Person } from './helpers.ts';

// From the outside, over every page, action and endpoint under src/routes (read at test time, so a
// new route is tested the moment it exists): a signed-out visitor is refused everything that is not
// on the public list, an ordinary member everything beyond their own account and learning, and
// what either of them posts changes nothing.

const en = messages('en');
const MEMBER_PERSON: Person = { name: 'Mira Outside', email: 'mira.outside@praxis.test', password: 'outside in and upside down 26', locale: 'en' };
const OTHER_PERSON: Person = { name: 'Oskar Hidden', email: 'oskar.hidden@praxis.test', password: 'a profile nobody may see 26', locale: 'en' };
const HIJACKED = 'Hijacked by outsiders';

let fx: Fixtures;

/** A body that would do harm if an action accepted it: make the member an admin, rename, remove, reassign. */
function hostileBody(): Record<string, string> {
	return {
		user: fx.memberId,
		userId: fx.memberId,
		role: 'admin',
		name: HIJACKED,
		title: HIJACKED,
		summary: HIJACKED,
		body: HIJACKED,
		description: HIJACKED,
		status: 'draft',
		id: '1',
		direction: 'down',
		email: 'hijacker@praxis.test',
		emails: 'hijacker@praxis.test',
		slug: 'hijacked',
		key: 'hijacked',
		code: '123456',
		cohortId: fx.cohortId,
		course: 'foundations',
		session: 'abc',
		current: 'x',
		password: 'a hijacker password 2026',
		confirm: 'a hijacker password 2026',
		sector: 'school',
		country: 'NO',
		locale: 'en',
		pathway: 'initial',
		level: 'skilled',
		completion: 'viewed',
		minutes: '5',
		hours: '1'
	};
}

/** A refusal: 403 or 404, or a redirect to sign in. */
function refused(status: number, location: string | undefined): boolean {
	return status === 403 || status === 404 || (status >= 300 && status < 400 && !!location && /\/signin(\?|$)/.test(new URL(location, BASE_URL).pathname + '?'));
}

async function refusals(request: Parameters<typeof send>[0], routes: Route[], mustNotShow: string[]): Promise<string[]> {
	const problems: string[] = [];
	for (const route of routes) {
		const address = addressOf(route, fx.params(route));
		const response = await send(request, route, address, hostileBody());
		const text = await response.text();
		if (!refused(response.status(), response.headers()['location'])) problems.push(`${keyOf(route)} (${address}) → ${response.status()}`);
		for (const secret of mustNotShow) if (text.includes(secret)) problems.push(`${keyOf(route)} shows ${secret}`);
	}
	return problems;
}

test('the allow-lists name only routes that exist', () => {
	expect(staleKeys()).toEqual([]);
	// The lists cover pages, actions and endpoints (the hand-kept lists before this had 14 pages and 26 actions).
	expect(ROUTES.filter((r) => r.kind === 'page').length).toBeGreaterThan(40);
	expect(ROUTES.filter((r) => r.kind === 'action').length).toBeGreaterThan(50);
	expect(ROUTES.filter((r) => r.kind === 'endpoint').length).toBeGreaterThan(5);
});

test.describe('from the outside', () => {
	test.describe.configure({ mode: 'serial' });

	test('set up: an admin with an organisation and a cohort, an ordinary member, someone with a hidden profile', async ({ browser }) => {
		// Two sign-ups, the admin's two-step sign-in and the organisation and cohort: slow on a busy machine.
		test.setTimeout(300_000);
		fx = await setUpFixtures(browser, MEMBER_PERSON, OTHER_PERSON);
		// Every route's parameters have a value (a new parameter needs one in outside-in.ts).
		const missing = ROUTES.flatMap((route) => {
			try {
				addressOf(route, fx.params(route));
				return [];
			} catch (error) {
				return [(error as Error).message];
			}
		});
		expect(missing).toEqual([]);
	});

	test('signed out, every private page, action and endpoint is refused and shows nothing private', async ({ request }) => {
		test.setTimeout(120_000);
		const privateRoutes = ROUTES.filter((route) => !isPublic(route));
		expect(await refusals(request, privateRoutes, ['@praxis.test'])).toEqual([]);
	});

	test('signed out, every public page and endpoint answers without a server error', async ({ request }) => {
		const problems: string[] = [];
		for (const route of ROUTES.filter((r) => isPublic(r) && r.method === 'GET')) {
			const response = await send(request, route, addressOf(route, fx.params(route)));
			if (response.status() >= 500) problems.push(`${keyOf(route)} → ${response.status()}`);
		}
		expect(problems).toEqual([]);
	});

	test('a forged session cookie counts as signed out', async ({ request }) => {
		const response = await request.get(`${BASE_URL}/en/account`, { headers: { cookie: 'praxis_session=forged-token-value' } });
		expect(response.status()).toBe(403);
		expect(response.headers()['set-cookie']).toContain('praxis_session=;');
	});

	test('an ordinary member is refused every page, action and endpoint beyond their own', async () => {
		test.setTimeout(120_000);
		const restricted = ROUTES.filter((route) => !isPublic(route) && !isMember(route));
		expect(await refusals(fx.member.request, restricted, ['admin@praxis.test', OTHER_PERSON.email])).toEqual([]);
	});

	test('what the outsiders posted changed nothing', async ({ page }) => {
		// Six pages, each checked with axe.
		test.setTimeout(120_000);
		const { admin } = fx;
		// The member is still an ordinary active member, and is still refused the admin area.
		await admin.goto(`/en/admin/users?q=${encodeURIComponent(MEMBER_PERSON.email)}`);
		const row = admin.getByRole('row').filter({ hasText: MEMBER_PERSON.email });
		await expect(row.getByRole('combobox')).toHaveValue('member');
		await expect(row).toContainText(en.admin_users_active!);
		await expectAccessible(admin);
		expect((await fx.member.request.get('/en/admin/users', { maxRedirects: 0 })).status()).toBe(404);

		// The organisation and the cohort are as the admin left them.
		await admin.goto(`/en/organisations/${fx.organisationId}`);
		await expect(admin.getByRole('heading', { level: 1, name: `Outside-in ${MEMBER_PERSON.name}` })).toBeVisible();
		await expect(admin.getByText(HIJACKED)).toHaveCount(0);
		await expect(admin.getByText(MEMBER_PERSON.email)).toHaveCount(0);
		await expectAccessible(admin);
		await admin.goto(`/en/learn/cohorts/${fx.cohortId}`);
		await expect(admin.getByRole('heading', { level: 1, name: `Outside-in ${MEMBER_PERSON.name}` })).toBeVisible();
		await expect(admin.getByText(MEMBER_PERSON.name, { exact: true })).toHaveCount(0);
		await expectAccessible(admin);

		// Shared content kept its wording.
		for (const address of ['/en/editor/courses/foundations', '/en/editor/frameworks/national-quality-framework/ethics']) {
			await admin.goto(address);
			await expect(admin.getByText(HIJACKED)).toHaveCount(0);
			await expectAccessible(admin);
		}
		// The refusal a signed-out visitor sees is an accessible page.
		await page.goto('/en/admin/users');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	});
});

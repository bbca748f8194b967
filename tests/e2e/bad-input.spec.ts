import pLimit, { type LimitFunction } from 'p-limit';
import { expect, messages, test } from './fixtures.ts';
import type { Person } from './helpers.ts';
import { fieldsOf, FORM_HEADERS, ID_PARAMS, isMember, isPublic, ROUTES, send, setUpFixtures, type Fixtures } from './outside-in.ts';
import { addressOf, keyOf, type Route } from './routes.ts';

// Every public form field, fed empty, overlong, wrongly typed and script input: each answer is a
// 4xx with a translated message in the page, never a 500, and nothing is saved.
const pl = messages('pl');
const headers = FORM_HEADERS;
const LONG = 'x'.repeat(10_000);
const SCRIPT = '<script>alert(1)</script>';

const valid: Record<string, Record<string, string>> = {
	'/pl/signup': { displayName: 'Ewa', email: 'ewa@praxis.test', password: 'bardzo długie hasło 2026', locale: 'pl', country: 'PL', sector: 'school' },
	'/pl/signin?/signin': { email: 'ewa@praxis.test', password: 'whatever it is' },
	'/pl/forgot-password': { email: 'ewa@praxis.test' }
};

const cases: [string, (v: string) => string][] = [
	['empty', () => ''],
	['10,000 characters', () => LONG],
	['script', () => SCRIPT],
	['wrong type', (v) => (v.includes('@') ? '12345' : '\u0000')]
];

for (const [path, fields] of Object.entries(valid)) {
	for (const field of Object.keys(fields)) {
		for (const [kind, bad] of cases) {
			// Passwords are free text: only empty and overlong ones are wrong. (Sending the others to
			// sign-up would create accounts and use up the run's sign-up limit.)
			if (field === 'password' && kind !== 'empty' && kind !== '10,000 characters') continue;
			test(`${path} ${field}: ${kind}`, async ({ request }) => {
				const body = new URLSearchParams({ ...fields, [field]: bad(fields[field]!) }).toString();
				const response = await request.post(path, { headers, data: body });
				const text = (await response.text())
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&quot;/g, '"')
					.replace(/&#39;/g, "'")
					.replace(/&amp;/g, '&');
				expect(response.status(), text.slice(0, 200)).toBeGreaterThanOrEqual(400);
				expect(response.status()).toBeLessThan(500);
				const translated = [pl.error_required, pl.error_too_long, pl.error_no_markup, pl.error_email_invalid, pl.error_choose, pl.error_invalid, pl.error_password_too_short, pl.error_password_too_long];
				expect(translated.some((message) => text.includes(message!))).toBe(true);
				// Never echoed back as markup.
				expect(await response.text()).not.toContain(SCRIPT);
			});
		}
	}
}

// Every action, endpoint and page with a parameter, read from src/routes: malformed ids in the
// address and in the form (not a UUID, SQL, very long, empty) are refused with a 4xx, never a 500.
// Each is sent by someone allowed to use the route (a visitor, an ordinary member, or the admin,
// who owns the organisation, the cohort and a draft course), so the id is what gets refused.
test.describe('malformed ids', () => {
	test.describe.configure({ mode: 'serial' });
	const PERSON: Person = { name: 'Bo Badinput', email: 'bo.badinput@praxis.test', password: 'malformed on purpose 2026', locale: 'en' };
	const COURSE = 'outside-in-bad-input';
	const MALFORMED: [string, string][] = [
		['not a UUID', 'not-a-uuid'],
		['SQL', "'; drop table users; --"],
		['5,000 characters', 'x'.repeat(5000)],
		['36 hyphens', '-'.repeat(36)],
		['NUL byte', 'a\u0000b'],
		['empty', '']
	];
	// Actions that read no id from the form: with any body they may succeed (or refuse for their own reasons).
	const NO_ID_IN_FORM = new Set([
		'POST /account/data/export',
		'POST /account/security?/totpDisable',
		'POST /account/security?/totpStart',
		'POST /confirm-email/[token]',
		'POST /verify-email/[token]',
		'POST /invitations/[token]?/accept',
		'POST /invitations/[token]?/decline',
		'POST /learn/cohorts/invitations/[token]?/accept',
		'POST /learn/[course]?/enrol',
		'POST /editor/courses/[course]/lessons/[lesson]?/discardDraft',
		'POST /organisations/[id]?/leave',
		// A checkbox: absent means "no reminder", and a wrong value is refused (unit-tested in forms).
		'POST /cpd?/reminder',
		// Closing a round and reminding its raters read nothing from the form (the round is in the
		// address); a rater link's label is free text.
		'POST /quality/rounds/[round]?/close',
		'POST /quality/rounds/[round]?/remind',
		'POST /quality/rounds/[round]?/link',
		// Free text only: any words are a valid title, summary or body.
		'POST /career-learning/plans?/create',
		'POST /editor/courses/[course]?/translation',
		'POST /editor/courses/[course]/modules/[module]?/translation',
		'POST /editor/courses/[course]/lessons/[lesson]?/preview',
		'POST /editor/courses/[course]/lessons/[lesson]/draft',
		'POST /editor/frameworks/[slug]/[key]?/preview',
		'POST /editor/frameworks/[slug]/[key]?/save',
		'POST /editor/glossary/[slug]?/save',
		// A reflection's eight steps are free text; other fields are ignored (the card is in the address).
		'POST /cards/[slug]/reflect',
		'POST /cards/[slug]/reflect/draft',
		// A new community thread and its draft are free text (the space is in the address).
		'POST /community/[space]/new',
		'POST /community/[space]/new/draft',
		'POST /practices/[id]?/submit',
		'POST /practices/[id]?/delete'
	]);
	// Would end the session the rest of the test uses; they read nothing from the form.
	const NOT_SENT = new Set(['POST /signout', 'POST /signout/everywhere']);

	/**
	 * Sends every request through `limit` (four at a time: the server answers one while the next
	 * waits on the database) and returns the failures.
	 */
	const checkAll = async <T>(limit: LimitFunction, items: T[], check: (item: T) => Promise<string | undefined>) =>
		(await Promise.all(items.map((item) => limit(() => check(item))))).filter((failure): failure is string => failure !== undefined);
	/** checkAll four at a time, but routes that may act on any body (NO_ID_IN_FORM) one by one, after the rest, so that what one changes races no other request. */
	const checkBodies = async <T extends { route: Route }>(items: T[], check: (item: T) => Promise<string | undefined>) => [
		...(await checkAll(pLimit(4), items.filter((i) => !NO_ID_IN_FORM.has(keyOf(i.route))), check)),
		...(await checkAll(pLimit(1), items.filter((i) => NO_ID_IN_FORM.has(keyOf(i.route))), check))
	];
	/** A body the route should refuse with a 4xx (routes that read nothing from it may go ahead): the failure, or undefined. */
	const unlessRefused = async (route: Route, kind: string, response: Awaited<ReturnType<typeof send>>) => {
		const status = response.status();
		const wanted = NO_ID_IN_FORM.has(keyOf(route)) ? status < 500 : status >= 400 && status < 500;
		return wanted ? undefined : `${keyOf(route)} as ${actor(route)}, ${kind} → ${status}: ${(await response.text()).replace(/\s+/g, ' ').slice(0, 120)}`;
	};

	let fx: Fixtures;
	const actor = (route: Route) => (isPublic(route) ? 'visitor' : isMember(route) ? 'member' : 'admin');
	const requestFor = (route: Route, visitor: Parameters<typeof send>[0]) =>
		({ visitor, member: fx.member.request, admin: fx.admin.request })[actor(route)];
	// Editors work on a draft course of their own and on the Slovak wording of a node no other spec reads.
	const params = (route: Route) =>
		route.id.startsWith('/editor/') ? { ...fx.params(route), course: COURSE, module: 'first', lesson: 'only', slug: 'ethical-guidelines', key: 'guideline-7' } : fx.params(route);
	const query = (route: Route) => (route.id.startsWith('/editor/') ? 'locale=sk' : '');

	test('set up: an admin with an organisation, a cohort and a draft course, and an ordinary member', async ({ browser }) => {
		// Two sign-ups, the admin's two-step sign-in and the organisation and cohort: slow on a busy machine.
		test.setTimeout(300_000);
		fx = await setUpFixtures(browser, PERSON);
		const post = async (address: string, body: Record<string, string>) => {
			const response = await fx.admin.request.post(address, { headers: FORM_HEADERS, data: new URLSearchParams(body).toString(), maxRedirects: 0 });
			expect(response.status(), (await response.text()).slice(0, 300)).toBe(303);
		};
		const about = { title: 'Outside in', summary: 'For malformed input.', audience: 'Tests.', why: 'Because.', outcome: 'Refuse it.' };
		await post('/en/editor/courses?/create', { slug: COURSE, ...about, pathway: 'initial', level: 'skilled' });
		await post(`/en/editor/courses/${COURSE}?/addModule&locale=en`, { key: 'first', title: 'First', summary: 'First module.', hours: '1', lessonKey: 'only', lessonTitle: 'Only' });
	});

	test('every page, action and endpoint answers a malformed id in the address or the form with a 4xx, never a 500', async ({ request }) => {
		test.setTimeout(480_000);
		const byAddress = ROUTES.filter((r) => r.params.length > 0 && !NOT_SENT.has(keyOf(r))).flatMap((route) =>
			route.params.flatMap((param) => MALFORMED.filter(([, bad]) => bad !== '').map(([kind, bad]) => ({ route, param, kind, bad })))
		);
		// An empty segment is another route, so "empty" is only sent in the form.
		const address = await checkAll(pLimit(4), byAddress, async ({ route, param, kind, bad }) => {
			const response = await send(requestFor(route, request), route, addressOf(route, { ...params(route), [param]: bad }, query(route)));
			const status = response.status();
			const wanted = ID_PARAMS.has(param) ? status >= 400 && status < 500 : status < 500;
			return wanted ? undefined : `${keyOf(route)} [${param}] ${kind} → ${status}`;
		});
		const byForm = ROUTES.filter((r) => r.method !== 'GET' && !NOT_SENT.has(keyOf(r))).flatMap((route) => MALFORMED.map(([kind, bad]) => ({ route, kind, bad })));
		const sendForm = async ({ route, kind, bad }: (typeof byForm)[number]) => {
			const body = Object.fromEntries(fieldsOf(route).map((field) => [field, bad]));
			return unlessRefused(route, kind, await send(requestFor(route, request), route, addressOf(route, params(route), query(route)), body));
		};
		const form = await checkBodies(byForm, sendForm);
		expect({ address, form }).toEqual({ address: [], form: [] });
	});

	test('every route answers impossible query values and foreign or broken bodies with a 4xx, never a 500', async ({ request }) => {
		test.setTimeout(480_000);
		// Values a page might parse: NUL, a year past 9999, an impossible date, negative numbers.
		const QUERY = ['version=%00', 'since=99999-01-01', 'until=2026-13-45', 'q=%00', 'page=-1', 'event=%00', 'locale=%00'].join('&');
		const BODIES: [string, string, string][] = [
			['JSON', 'application/json', '{"email": ["not", "a", "form"]'],
			['XML', 'application/xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
			['broken multipart', 'multipart/form-data; boundary=praxis', '--praxis\r\nContent-Disposition: form-data; name="email"\r\n\r\nno end boundary'],
			['text', 'text/plain', 'email=a@b.c']
		];
		const options = { maxRedirects: 0, failOnStatusCode: false, timeout: 20_000 };
		const sent: { route: Route; body?: (typeof BODIES)[number] }[] = ROUTES.filter((r) => !NOT_SENT.has(keyOf(r))).flatMap((route) =>
			route.method === 'GET' ? [{ route }] : BODIES.map((body) => ({ route, body }))
		);
		const check = async ({ route, body }: (typeof sent)[number]) => {
			const client = requestFor(route, request);
			if (!body) {
				const extra = [query(route), QUERY].filter(Boolean).join('&');
				const response = await client.fetch(addressOf(route, params(route), extra), { method: 'GET', headers: { accept: 'text/html' }, ...options });
				return response.status() >= 500 ? `${keyOf(route)} ?${QUERY} → ${response.status()}` : undefined;
			}
			const [kind, type, data] = body;
			// A body that is not a form is refused; routes that read nothing from the body may go ahead.
			return unlessRefused(route, kind, await client.fetch(addressOf(route, params(route), query(route)), { method: route.method, headers: { ...FORM_HEADERS, 'content-type': type }, data, ...options }));
		};
		const failures = await checkBodies(sent, check);
		expect(failures).toEqual([]);
	});
});

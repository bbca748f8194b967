import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, APIResponse, Browser, Page } from '@playwright/test';
import { BASE_URL } from '../../playwright.config.ts';
import { courseLessons, COURSE } from './course.ts';
import { expect, expectAccessible, messages } from './fixtures.ts';
import { adminPage, signUpAndSignIn, signUpThroughEndpoints, type Person } from './helpers.ts';
import { discoverRoutes, keyOf, unknownKeys, type Route } from './routes.ts';

// What the outside-in specs (authorisation, bad input) share: the routes read from src/routes, who
// may use which, the real ids and slugs a run creates for the routes' parameters, and how to send
// a request as a browser's form would.

const en = messages('en');

export const ROUTES: Route[] = discoverRoutes();

/** Anyone, signed out included, may use these. Everything not listed here is private. */
export const PUBLIC = new Set([
	'GET /',
	'GET /accessibility',
	'GET /cards',
	'GET /cards/[slug]',
	'GET /cards/print',
	'GET /cards/random',
	// The open community spaces are read by anyone (an organisation's or a cohort's space is not).
	'GET /community',
	// An image put in a post: anyone may see one from an open space, only the space's members one from
	// an organisation's or a cohort's (the fixture is an id nobody uploaded: 404 to everyone).
	'GET /community/uploads/[upload]',
	// The resource library and Your career learning: published resources are public.
	'GET /career-learning',
	'GET /career-learning/[button]',
	'GET /resources',
	'GET /resources/[slug]',
	'GET /account-deleted',
	'GET /certificates',
	'GET /certificates/[code]',
	'GET /certificates/[code]/certificate.pdf',
	// The issuer of Open Badges and its public keys, for anyone who verifies one.
	'GET /api/badges/issuer',
	'GET /api/badges/jwks.json',
	// A blank sheet of one area of the (public) competence standards, for a team discussion.
	'GET /competence/sheet/[area]',
	// An opt-out mail's unsubscribe link (community, CPD reminders): the token is the key to that person's mail choices only.
	'GET /unsubscribe/[token]',
	'POST /unsubscribe/[token]?/save',
	'POST /unsubscribe/[token]?/reminder',
	'POST /unsubscribe/[token]?/stop',
	'GET /confirm-email/[token]',
	'POST /confirm-email/[token]',
	'GET /forgot-password',
	'POST /forgot-password',
	'GET /frameworks',
	'GET /frameworks/[slug]',
	'GET /frameworks/[slug]/[key]',
	'GET /glossary',
	'GET /glossary/[slug]',
	'GET /healthz',
	'GET /readyz',
	// Shows only "sign in to answer" to a visitor; the answer itself is private.
	'GET /invitations/[token]',
	'GET /learn/cohorts/invitations/[token]',
	'GET /learn',
	'GET /learn/[course]',
	'GET /learn/[course]/[module]',
	'GET /learn/[course]/[module]/[lesson]',
	'GET /media/[sha]/[name]',
	// A course's cover by its hash (on catalogue cards and course pages).
	'GET /media/covers/[sha]',
	'GET /privacy',
	// An external rater's link: the token is the key, no account (answers 404 for a wrong token).
	'GET /quality/link/[token]',
	'POST /quality/link/[token]?/save',
	'POST /quality/link/[token]/draft',
	'GET /reset-password/[token]',
	'POST /reset-password/[token]',
	'GET /search',
	'GET /signin',
	'POST /signin?/signin',
	'POST /signin?/resend',
	'GET /signup',
	'POST /signup',
	'GET /verify-email/[token]',
	'POST /verify-email/[token]',
	// Signing out needs no session; its page only redirects home.
	'GET /signout',
	'POST /signout',
	'GET /signout/everywhere',
	// The practice inventory: browsing, comparing, statistics and the open data API are public; a
	// practice's page is public once published (the fixture is a draft: 404 to anyone outside).
	'GET /practices',
	'GET /practices/[id]',
	'GET /practices/compare',
	'GET /practices/statistics',
	// An organisation's self-benchmark is public once its leaders publish it (the fixture's is not: 404).
	'GET /practices/benchmark/[id]',
	'GET /api',
	'GET /api/openapi.json',
	'GET /api/practices',
	'GET /api/practices/[id]',
	'GET /api/practices.csv',
	'GET /api/practices.json',
	// A live card session's participants need no account: the join code and a cookie token are the key.
	'GET /join',
	'GET /join/[code]',
	'POST /join/[code]?/join',
	'POST /join/[code]?/answer',
	'GET /join/[code]/events'
]);

/**
 * Any signed-in member may use these, on their own account and data (or a token sent to them).
 * Everything private and not listed here is refused to an ordinary member.
 */
export const MEMBER = new Set([
	'GET /account',
	'GET /account/data',
	'POST /account/data?/delete',
	'POST /account/data/export',
	'GET /account/profile',
	'POST /account/profile',
	'GET /account/security',
	'POST /account/security?/email',
	'POST /account/security?/password',
	'POST /account/security?/revoke',
	'POST /account/security?/totpConfirm',
	'POST /account/security?/totpDisable',
	'POST /account/security?/totpStart',
	'GET /cards/[slug]/reflect',
	'POST /cards/[slug]/reflect',
	'POST /cards/[slug]/reflect/draft',
	'GET /cards/reflections',
	'POST /cards/reflections?/delete',
	'POST /invitations/[token]?/accept',
	'POST /invitations/[token]?/decline',
	'POST /learn/[course]?/enrol',
	'POST /learn/[course]/[module]/[lesson]?/case',
	'POST /learn/[course]/[module]/[lesson]?/quiz',
	'POST /learn/[course]/[module]/[lesson]?/reflection',
	'POST /learn/[course]/[module]/[lesson]/draft',
	'GET /learn/cohorts',
	'POST /learn/cohorts?/join',
	'POST /learn/cohorts?/leave',
	'POST /learn/cohorts/invitations/[token]?/accept',
	'GET /learn/journal',
	'POST /learn/journal?/edit',
	'POST /learn/journal?/share',
	'GET /learn/journal/export',
	// A certificate's Open Badge: its holder's only (anyone else's code is a 404).
	'GET /certificates/[code]/badge.jwt',
	'GET /learn/my',
	'GET /learn/records',
	'GET /organisations',
	'POST /organisations?/create',
	// My competence and My CPD: each person's own, private (someone else's id is a 404).
	'GET /competence',
	'POST /competence?/start',
	'GET /competence/[id]',
	'POST /competence/[id]?/delete',
	'GET /competence/[id]/[area]',
	'POST /competence/[id]/[area]?/save',
	'GET /competence/[id]/results',
	'POST /competence/[id]/results?/share',
	'POST /competence/[id]/results?/revoke',
	'GET /competence/compare',
	// A share or a team that is not the member's: 404, like one that does not exist.
	'GET /competence/shared/[id]',
	'GET /cpd',
	'POST /cpd?/settings',
	'POST /cpd?/reminder',
	'POST /cpd?/import',
	'GET /cpd/new',
	'POST /cpd/new',
	'GET /cpd/[id]',
	'POST /cpd/[id]?/save',
	'POST /cpd/[id]?/delete',
	'POST /cpd/[id]?/evidence',
	'POST /cpd/[id]?/removeEvidence',
	'GET /cpd/[id]/evidence/[file]',
	'GET /cpd/export',
	'GET /cpd/report',
	'GET /quality',
	// The shelf, proposals and session plans: each person's own (someone else's plan is a 404).
	'POST /resources/[slug]?/favourite',
	'POST /resources/[slug]?/plan',
	// A proposer attaches files to their own draft (on anyone else's resource the service answers 404).
	'POST /resources/[slug]?/upload',
	'POST /resources/[slug]?/removeFile',
	'GET /resources/shelf',
	'GET /resources/propose',
	'POST /resources/propose',
	// Proposing a glossary term, and following one's own proposals (the editors' queue is private).
	'GET /glossary/propose',
	'POST /glossary/propose',
	'GET /career-learning/plans',
	'POST /career-learning/plans?/create',
	'GET /career-learning/plans/[id]',
	'POST /career-learning/plans/[id]?/save',
	'POST /career-learning/plans/[id]?/add',
	'POST /career-learning/plans/[id]?/move',
	'POST /career-learning/plans/[id]?/notes',
	'POST /career-learning/plans/[id]?/remove',
	'POST /career-learning/plans/[id]?/share',
	'POST /career-learning/plans/[id]?/cpd',
	'POST /career-learning/plans/[id]?/delete',
	'GET /career-learning/plans/[id]/print',
	// The second step of signing in: a signed-in member is sent on to their account.
	'GET /signin/code',
	'POST /signin/code',
	'POST /signout/everywhere',
	// The community's notifications: each person's own.
	'GET /notifications',
	'POST /notifications?/read',
	'POST /notifications?/mail',
	// The header bell's live feed and count: the person's own channel, named by their session.
	'GET /notifications/events',
	'GET /notifications/unread',
	// Comments under content pages: the form posts here; a refused comment is shown here with its text.
	'GET /comments',
	'POST /comments',
	// Anyone signed in may describe a practice (for themselves or their organisation) and list theirs.
	'GET /practices/new',
	'POST /practices/new',
	'GET /practices/mine',
	// The list of one's own organisations' self-benchmarks.
	'GET /practices/benchmark',
	// Any verified member may start a live card session (running one is its facilitator's alone).
	'GET /cards/live/new',
	'POST /cards/live/new'
]);

/** Keys of the allow-lists that name no route (a list must not go stale). */
export function staleKeys(): string[] {
	return unknownKeys(ROUTES, [...PUBLIC, ...MEMBER]);
}

export const isPublic = (route: Route) => PUBLIC.has(keyOf(route));
export const isMember = (route: Route) => MEMBER.has(keyOf(route));

/** Route parameters whose values are ids or slugs: a malformed one names nothing (a 4xx). */
export const ID_PARAMS = new Set(['id', 'course', 'module', 'lesson', 'slug', 'key', 'code', 'sha', 'name', 'area', 'round', 'space', 'thread', 'post', 'button']);

/** The form field names a route's page uses, plus the id fields actions read. */
export function fieldsOf(route: Route): string[] {
	const names = new Set(['id', 'user', 'userId', 'session', 'cohortId', 'invitation', 'activity', 'course', 'module', 'lesson', 'key', 'slug', 'code', 'token', 'name', 'title', 'role', 'status', 'direction', 'email', 'emails', 'body', 'locale', 'password', 'current', 'confirm']);
	const page = path.join(path.dirname(route.file), '+page.svelte');
	if (fs.existsSync(page)) for (const match of fs.readFileSync(page, 'utf8').matchAll(/\bname="([\w.]+)"/g)) names.add(match[1]!);
	return [...names];
}

export const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: BASE_URL };

/** Sends a route's request as a browser would: a form post for actions and POST endpoints, a GET otherwise. */
export function send(request: APIRequestContext, route: Route, address: string, body: Record<string, string> = {}): Promise<APIResponse> {
	const options = { maxRedirects: 0, failOnStatusCode: false, timeout: 20_000 };
	if (route.method === 'GET' || route.method === 'HEAD') return request.fetch(address, { method: route.method, headers: { accept: 'text/html' }, ...options });
	return request.fetch(address, { method: route.method, headers: FORM_HEADERS, data: new URLSearchParams(body).toString(), ...options });
}

/** What a run creates for the routes' parameters, and the people who act. */
export type Fixtures = {
	admin: Page;
	member: Page;
	memberId: string;
	organisationId: string;
	cohortId: string;
	/** A value for each route parameter name, keyed per route id where names mean different things. */
	params: (route: Route) => Record<string, string>;
};

/** The id of the account with this address, read from the admin's user list. */
export async function userIdOf(admin: Page, email: string): Promise<string> {
	await admin.goto(`/en/admin/users?q=${encodeURIComponent(email)}`);
	await expectAccessible(admin);
	const id = await admin.locator('form[action="?/role"] input[name="user"]').first().getAttribute('value');
	expect(id).toMatch(/^[0-9a-f-]{36}$/);
	return id!;
}

/** The admin's page (the run's shared admin session, see helpers.ts). */
const signedInAdmin = (browser: Browser): Promise<Page> => adminPage(browser);

/** Where a form post redirected to (a 303 from SvelteKit). */
async function redirected(page: Page, address: string, body: Record<string, string>): Promise<string> {
	const response = await page.request.post(address, { headers: FORM_HEADERS, data: new URLSearchParams(body).toString(), maxRedirects: 0 });
	expect(response.status(), await response.text()).toBe(303);
	return response.headers()['location']!;
}

/**
 * Sets up what the routes need: the admin, an organisation and a cohort the admin owns, and a
 * signed-in ordinary member (`person`), who belongs to neither.
 */
export async function setUpFixtures(browser: Browser, person: Person, other?: Person): Promise<Fixtures> {
	const admin = await signedInAdmin(browser);
	const member = await (await browser.newContext()).newPage();
	await signUpAndSignIn(member, person);
	await expectAccessible(member);
	let otherId = '00000000-0000-4000-8000-000000000000';
	if (other) {
		const page = await (await browser.newContext()).newPage();
		await signUpThroughEndpoints(page, other);
		await page.context().close();
		otherId = await userIdOf(admin, other.email);
	}
	const memberId = await userIdOf(admin, person.email);

	const organisation = await redirected(admin, '/en/organisations?/create', { name: `Outside-in ${person.name}`, sector: 'school', country: 'NO', description: '' });
	const organisationId = /\/organisations\/([0-9a-f-]{36})/.exec(organisation)![1]!;
	const cohort = await redirected(admin, '/en/learn/cohorts?/create', { course: COURSE.slug, name: `Outside-in ${person.name}`, startsOn: '', endsOn: '' });
	const cohortId = /\/learn\/cohorts\/([0-9a-f-]{36})/.exec(cohort)![1]!;

	// A quality round of the admin's organisation (whose only rater is the admin).
	await admin.goto(`/en/quality/${organisationId}`);
	const framework = await admin.locator('#round-framework option', { hasText: 'Guidance service self-assessment' }).getAttribute('value');
	const round = await redirected(admin, `/en/quality/${organisationId}?/open`, {
		framework: framework!,
		title: `Outside-in ${person.name}`,
		deadline: `${new Date().getUTCFullYear() + 1}-01-31`,
		roles: 'leader',
		areas: 'access-for-all'
	});
	const roundId = /\/quality\/rounds\/([0-9a-f-]{36})/.exec(round)![1]!;

	// A draft practice of the admin's organisation (nobody outside it may see or touch it).
	const practice = await redirected(admin, '/en/practices/new', { title: `Outside-in ${person.name}`, owner: organisationId, country: 'NO', sector: 'pes' });
	const practiceId = /\/practices\/([0-9a-f-]{36})/.exec(practice)![1]!;

	const first = courseLessons()[0]!;
	const byName: Record<string, string> = {
		course: COURSE.slug,
		module: first.module,
		lesson: first.key,
		slug: 'national-quality-framework',
		key: 'ethics',
		token: 'not-a-real-token',
		code: 'NOT-A-CODE',
		sha: 'a'.repeat(64),
		name: 'file.png',
		area: 'area-1'
	};
	const byRoute: Record<string, Record<string, string>> = {
		'/glossary/[slug]': { slug: 'career-buttons' },
		'/cards/[slug]': { slug: 'parent-asks-what-was-said' },
		'/organisations/[id]': { id: organisationId },
		'/learn/cohorts/[id]': { id: cohortId },
		'/quality/[id]': { id: organisationId },
		'/quality/rounds/[round]': { round: roundId },
		'/practices/[id]': { id: practiceId },
		// Translating the draft (and its autosave): its organisation's members' alone.
		'/practices/[id]/translate': { id: practiceId },
		'/practices/benchmark/[id]': { id: organisationId },
		'/api/practices/[id]': { id: practiceId },
		// Someone else's profile, which they did not make visible.
		'/people/[id]': { id: otherId },
		// An assessment and a CPD entry that are nobody's (the member's own would be allowed anyway).
		'/competence/[id]': { id: '00000000-0000-4000-8000-00000000c0de', area: 'area-1' },
		'/cpd/[id]': { id: '00000000-0000-4000-8000-00000000c0de', file: '00000000-0000-4000-8000-00000000c0de' },
		'/competence/shared/[id]': { id: '00000000-0000-4000-8000-00000000c0de' },
		// The admin's organisation's private community space (the member is a stranger to it).
		'/community/[space]': { space: `org-${organisationId}`, thread: '00000000-0000-4000-8000-00000000c0de', post: '00000000-0000-4000-8000-00000000c0de' },
		'/community/uploads/[upload]': { upload: '00000000-0000-4000-8000-00000000c0de' },
		// A live card session that is nobody's (its facilitator's views are private).
		'/cards/live/[id]': { id: '00000000-0000-4000-8000-00000000c0de' },
		'/resources/[slug]': { slug: 'norwegian-quality-framework-website', file: '00000000-0000-4000-8000-00000000c0de' },
		'/career-learning/[button]': { button: 'choice-chance' },
		// A session plan that is nobody's.
		'/career-learning/plans/[id]': { id: '00000000-0000-4000-8000-00000000c0de' }
	};
	const params = (route: Route) => {
		const values: Record<string, string> = {};
		for (const name of route.params) {
			// A route's own values, or those of the route it sits under (`/learn/cohorts/[id]/events`).
			const scope = Object.keys(byRoute).find((id) => route.id === id || route.id.startsWith(`${id}/`));
			const value = (scope ? byRoute[scope]![name] : undefined) ?? byName[name];
			if (value !== undefined) values[name] = value;
		}
		return values;
	};
	return { admin, member, memberId, organisationId, cohortId, params };
}

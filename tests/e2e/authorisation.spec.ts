import { expect, test } from '@playwright/test';
import { BASE_URL } from '../../playwright.config.ts';

// From the outside: a signed-out visitor gets 403 on private pages and actions and learns nothing.
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL };
const SOME_ORGANISATION = '/en/organisations/00000000-0000-0000-0000-000000000000';
const PRIVATE_PAGES = [
	'/en/account',
	'/en/account/security',
	'/en/account/profile',
	'/en/account/data',
	'/en/admin/outbox',
	'/en/admin/users',
	'/en/admin/audit',
	'/en/people/00000000-0000-4000-8000-000000000000',
	'/en/signin/code',
	'/en/editor',
	'/en/editor/frameworks/national-quality-framework?locale=cs',
	'/en/editor/frameworks/national-quality-framework/ethics?locale=cs',
	'/en/organisations',
	SOME_ORGANISATION
];
const PRIVATE_ACTIONS = [
	'/en/account/security?/password',
	'/en/account/security?/email',
	'/en/account/security?/revoke',
	'/en/account/security?/totpStart',
	'/en/account/security?/totpConfirm',
	'/en/account/security?/totpDisable',
	'/en/signin/code',
	'/en/account/profile',
	'/en/account/data?/delete',
	'/en/account/data/export',
	'/en/admin/users?/role',
	'/en/admin/users?/disable',
	'/en/admin/users?/enable',
	'/en/signout/everywhere',
	'/en/editor/frameworks/national-quality-framework/ethics?/preview&locale=cs',
	'/en/organisations?/create',
	...['invite', 'revoke', 'remove', 'transfer', 'leave'].map((action) => `${SOME_ORGANISATION}?/${action}`),
	'/en/invitations/some-token?/accept',
	'/en/invitations/some-token?/decline'
];

for (const path of PRIVATE_PAGES) {
	test(`signed out, ${path} is refused`, async ({ request }) => {
		const response = await request.get(`${BASE_URL}${path}`);
		expect(response.status()).toBe(403);
		const body = await response.text();
		expect(body).not.toContain('@praxis.test');
	});
}

for (const path of PRIVATE_ACTIONS) {
	test(`signed out, POST ${path} is refused`, async ({ request }) => {
		const response = await request.post(`${BASE_URL}${path}`, { headers: form, data: 'current=x&password=y&confirm=y&session=abc&code=123456' });
		expect(response.status()).toBe(403);
	});
}

test('a forged session cookie counts as signed out', async ({ request }) => {
	const response = await request.get(`${BASE_URL}/en/account`, { headers: { cookie: 'praxis_session=forged-token-value' } });
	expect(response.status()).toBe(403);
	expect(response.headers()['set-cookie']).toContain('praxis_session=;');
});

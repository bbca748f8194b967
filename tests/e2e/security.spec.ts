import { expect, test } from '@playwright/test';
import { BASE_URL, PROXIED_URL } from '../../playwright.config.ts';
import { COURSE, courseLessons } from './course.ts';
import { adminPage } from './helpers.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

test('a same-origin form post over plain http is accepted; a cross-site one is refused', async ({ request }) => {
	// /en/glossary has no form actions: getting past the CSRF check means a 405, not a 403.
	const same = await request.post(`${BASE_URL}/en/glossary`, { headers: { ...form, origin: BASE_URL }, data: 'q=1' });
	expect(same.status()).toBe(405);
	const cross = await request.post(`${BASE_URL}/en/glossary`, {
		headers: { ...form, origin: 'https://evil.example' },
		data: 'q=1'
	});
	expect(cross.status()).toBe(403);
});

test('behind a TLS proxy the same build trusts X-Forwarded-Proto, and still refuses cross-site posts', async ({
	request
}) => {
	const proxied = { ...form, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'praxis.example.org' };
	const same = await request.post(`${PROXIED_URL}/en/glossary`, {
		headers: { ...proxied, origin: 'https://praxis.example.org' },
		data: 'q=1'
	});
	expect(same.status()).toBe(405);
	const cross = await request.post(`${PROXIED_URL}/en/glossary`, {
		headers: { ...proxied, origin: 'http://praxis.example.org' },
		data: 'q=1'
	});
	expect(cross.status()).toBe(403);
	const page = await request.get(`${PROXIED_URL}/en`, { headers: { 'x-forwarded-proto': 'https' } });
	expect(page.headers()['strict-transport-security']).toContain('max-age=');
});

test('pages carry a nonce-based content security policy and no HSTS on plain http', async ({ request }) => {
	const response = await request.get(`${BASE_URL}/en`);
	const csp = response.headers()['content-security-policy'] ?? '';
	expect(csp).toContain("default-src 'self'");
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).not.toContain('unsafe-inline');
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
	expect(response.headers()['strict-transport-security']).toBeUndefined();
});

test('a session cookie is HttpOnly and SameSite=Lax, and pages seen signed in are not cached by shared caches', async ({ browser }) => {
	const admin = await adminPage(browser);
	const cookie = (await admin.context().cookies()).find((c) => c.name === 'praxis_session');
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
	const signedIn = await admin.request.get(`${BASE_URL}/en/account`);
	expect(signedIn.status()).toBe(200);
	expect(signedIn.headers()['cache-control']).toBe('private, no-store');
	const visitor = await browser.newContext();
	const publicPage = await visitor.request.get(`${BASE_URL}/en/glossary`);
	expect(publicPage.headers()['cache-control'] ?? '').not.toContain('private');
	await visitor.close();
});

test('lesson media is served with its own type, nosniff and a sandboxing policy; a method an endpoint lacks is a 405', async ({ request }) => {
	const lesson = courseLessons().find((l) => l.structure.media)!;
	const html = await (await request.get(`${BASE_URL}/en/learn/${COURSE.slug}/${lesson.module}/${lesson.key}`)).text();
	const media = html.match(/\/media\/[0-9a-f]{64}\/[^"'\s?]+/)![0];
	const response = await request.get(`${BASE_URL}${media}`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toMatch(/^(audio|video|image|text\/vtt)/);
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
	expect(response.headers()['content-security-policy']).toContain('sandbox');
	expect((await request.delete(`${BASE_URL}${media}`, { headers: { origin: BASE_URL } })).status()).toBe(405);
	expect((await request.put(`${BASE_URL}/readyz`, { headers: { origin: BASE_URL }, data: '' })).status()).toBe(405);
});

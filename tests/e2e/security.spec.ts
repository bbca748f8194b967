import { expect, test } from '@playwright/test';
import { BASE_URL, PROXIED_URL } from '../../playwright.config.ts';

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

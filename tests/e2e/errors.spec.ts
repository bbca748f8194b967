import { expect, messages, test } from './fixtures.ts';

test('an unknown address gets a 404 page in the reader’s language', async ({ page }) => {
	const m = messages('pl');
	const response = await page.goto('/pl/no-such-page');
	expect(response?.status()).toBe(404);
	await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.error_not_found_title!);
	await page.getByRole('link', { name: m.error_go_home }).click();
	await expect(page).toHaveURL(/\/pl$/);
});

test('an unknown glossary term is a translated 404', async ({ page }) => {
	const response = await page.goto('/nb/glossary/no-such-term');
	expect(response?.status()).toBe(404);
	await expect(page.getByText(messages('nb').glossary_term_not_found!)).toBeVisible();
});

test('health and readiness answer for the operator', async ({ request }) => {
	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ status: 'ok' });
	const ready = await request.get('/readyz');
	expect(ready.status()).toBe(200);
	expect(await ready.json()).toEqual({ status: 'ready', database: 'ok' });
	expect(ready.headers()['x-request-id']).toMatch(/^[\w-]+$/);
});

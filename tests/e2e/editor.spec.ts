import { BASE_URL } from '../../playwright.config.ts';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { adminPage } from './helpers.ts';

const en = messages('en');
const cs = messages('cs');

test('an editor sees what is translated, changes a node’s wording, and the change shows with a revision', async ({ browser }) => {
	const editor = await adminPage(browser);
	// A Czech visitor reads the node first: the second view comes from the page cache (same ETag, public).
	const visitorContext = await browser.newContext({ locale: 'cs-CZ' });
	const visitor = await visitorContext.newPage();
	const node = '/cs/frameworks/national-quality-framework/ethics';
	const first = (await visitor.goto(node))!;
	const again = (await visitor.reload())!;
	expect(again.headers()['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
	expect(again.headers().etag).toBe(first.headers().etag);
	const revalidated = await visitor.request.get(node, { headers: { 'accept-language': 'cs-CZ', 'if-none-match': again.headers().etag! } });
	expect(revalidated.status()).toBe(304);
	await expect(visitor.getByRole('link', { name: cs.nav_signin, exact: true })).toBeVisible();
	// The signed-in editor at the same address gets their own page, never the visitor's (and vice versa).
	await editor.goto(node);
	await expect(editor.getByRole('button', { name: cs.nav_signout, exact: true })).toBeVisible();
	await visitor.reload();
	await expect(visitor.getByRole('button', { name: cs.nav_signout, exact: true })).toHaveCount(0);
	await expect(visitor.getByRole('link', { name: cs.nav_signin, exact: true })).toBeVisible();
	await expect(visitor.getByRole('heading', { level: 1 })).not.toContainText('(upraveno)');

	await editor.goto('/en/editor');
	await expect(editor.getByRole('heading', { level: 1, name: en.editor_title })).toBeVisible();
	await expect(editor.getByRole('table')).toContainText('national-quality-framework');
	await expectAccessible(editor);

	await editor.goto('/en/editor/frameworks/national-quality-framework?locale=cs');
	await expectAccessible(editor);
	await editor.getByRole('link', { name: /Ethics$/ }).first().click();
	await expect(editor).toHaveURL(/\/en\/editor\/frameworks\/national-quality-framework\/ethics\?locale=cs$/);
	await expect(editor.getByText(en.editor_history_empty!)).toBeVisible();
	await expectAccessible(editor);

	const title = editor.getByLabel(en.editor_field_title!, { exact: true });
	const before = await title.inputValue();
	await title.fill(`${before} (upraveno)`);
	await editor.getByRole('button', { name: en.editor_preview_button, exact: true }).click();
	await expect(editor.getByRole('heading', { name: en.editor_preview_heading })).toBeVisible();
	await expect(editor.locator('.preview')).toContainText('(upraveno)');
	await expect(editor.getByText(en.editor_history_empty!)).toBeVisible();
	await expectAccessible(editor);
	await editor.getByRole('button', { name: en.editor_save, exact: true }).click();
	await expect(editor.getByText(en.editor_saved!)).toBeVisible();
	// Still the Czech wording after saving.
	await expect(editor).toHaveURL(/locale=cs/);
	await expect(editor.getByLabel(en.editor_field_title!, { exact: true })).toHaveValue(`${before} (upraveno)`);
	await expect(editor.locator('.revisions li')).toHaveCount(1);
	await expect(editor.locator('.revisions ins').first()).toContainText('upraveno');
	await expect(editor.locator('.revisions li').first()).toContainText('Ada Admin');

	// Readers see it at once, in the framework and in search; the visitor's cached page is gone too.
	await editor.goto(node);
	await expect(editor.getByRole('heading', { level: 1 })).toContainText('(upraveno)');
	await expect(async () => {
		await visitor.reload();
		await expect(visitor.getByRole('heading', { level: 1 })).toContainText('(upraveno)', { timeout: 500 });
	}).toPass({ timeout: 10_000 });
	await visitorContext.close();
	await editor.goto(`/cs/search?q=${encodeURIComponent('upraveno')}`);
	await expect(editor.locator('.hits h3 a').first()).toContainText('(upraveno)');
});

test('people without the editor role find no editor workspace', async ({ request }) => {
	expect((await request.get('/en/editor')).status()).toBe(403);
	const post = await request.post('/en/editor/frameworks/national-quality-framework/ethics?/save&locale=cs', {
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL },
		data: 'title=Hacked&body='
	});
	expect(post.status()).toBe(403);
});

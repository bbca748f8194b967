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

test('an editor sees each glossary term’s translation status, changes the English so the others fall out of date, and brings one back up to date', async ({ browser }) => {
	const editor = await adminPage(browser);
	const LANGUAGES = ['English', 'Norsk bokmål', 'Čeština', 'Slovenčina', 'Polski'];
	await editor.goto('/en/editor');
	await editor.getByRole('link', { name: en.editor_glossary_link, exact: true }).click();
	await expect(editor).toHaveURL(/\/en\/editor\/glossary$/);
	await expect(editor.getByRole('heading', { level: 1, name: en.editor_glossary_title })).toBeVisible();
	// The shipped glossary is whole: every term translated in every language.
	const row = editor.getByRole('row').filter({ has: editor.getByRole('rowheader', { name: 'Soft governance', exact: true }) });
	await expect(row.getByRole('cell')).toHaveText(Array(5).fill(en.editor_state_translated));
	await expectAccessible(editor);

	// The English definition changes: the four translations are now out of date.
	await row.getByRole('link').first().click();
	await expect(editor).toHaveURL(/\/en\/editor\/glossary\/soft-governance\?locale=en$/);
	await expect(editor.getByText(en.editor_history_empty!)).toBeVisible();
	const definition = editor.getByLabel(en.editor_glossary_field_definition!, { exact: true });
	await definition.fill('Steering through voluntary frameworks and encouragement instead of law.');
	await editor.getByRole('button', { name: en.editor_save, exact: true }).click();
	await expect(editor.getByText(en.editor_saved!)).toBeVisible();
	await expect(editor.locator('.revisions li')).toHaveCount(1);
	await expect(editor.locator('.revisions li').first()).toContainText('Ada Admin');
	await expectAccessible(editor);

	await editor.goto('/en/editor/glossary');
	await expect(row.getByRole('cell')).toHaveText([en.editor_state_translated, ...Array(4).fill(en.editor_state_outdated)]);
	await expect(editor.getByRole('link', { name: `Soft governance in ${LANGUAGES[4]}: ${en.editor_state_outdated}. Edit` })).toBeVisible();

	// The Polish wording is brought up to date, by keyboard from the language chooser.
	await editor.getByRole('link', { name: `Soft governance in ${LANGUAGES[4]}: ${en.editor_state_outdated}. Edit` }).click();
	await expect(editor.getByRole('note')).toHaveText(en.editor_outdated_note!);
	await expect(editor.getByLabel(en.editor_glossary_field_term!, { exact: true })).toHaveValue('Miękkie zarządzanie (soft governance)');
	await expectAccessible(editor);
	await editor.getByLabel(en.editor_glossary_field_definition!, { exact: true }).fill('Sterowanie za pomocą dobrowolnych ram i zachęt zamiast przepisów prawa.');
	await editor.getByLabel(en.editor_glossary_field_definition!, { exact: true }).press('Tab');
	await editor.keyboard.press('Enter');
	await expect(editor.getByText(en.editor_saved!)).toBeVisible();
	await expect(editor.getByRole('note')).toHaveCount(0);
	await expect(editor.locator('.revisions del').first()).toContainText('narzędzi');

	await editor.goto('/en/editor/glossary');
	await expect(row.getByRole('cell')).toHaveText([en.editor_state_translated, ...Array(3).fill(en.editor_state_outdated), en.editor_state_translated]);
	// Readers see the new wording at once.
	await editor.goto('/pl/glossary/soft-governance');
	await expect(editor.locator('main')).toContainText('Sterowanie za pomocą dobrowolnych ram i zachęt zamiast przepisów prawa.');
	// Nobody else may edit it.
	const stranger = await browser.newContext();
	expect((await stranger.request.get('/en/editor/glossary')).status()).toBe(403);
	const post = await stranger.request.post('/en/editor/glossary/soft-governance?/save&locale=pl', {
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL },
		data: 'term=Hacked&definition=Hacked'
	});
	expect(post.status()).toBe(403);
	await stranger.close();
});

test('people without the editor role find no editor workspace', async ({ request }) => {
	expect((await request.get('/en/editor')).status()).toBe(403);
	const post = await request.post('/en/editor/frameworks/national-quality-framework/ethics?/save&locale=cs', {
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL },
		data: 'title=Hacked&body='
	});
	expect(post.status()).toBe(403);
});

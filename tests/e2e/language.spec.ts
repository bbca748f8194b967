import { expect, expectAccessible, messages, test } from './fixtures.ts';

test('the language switcher keeps you on the same page and is remembered', async ({ page }) => {
	await page.goto('/en/glossary/career-guidance');
	const en = await page.getByRole('heading', { level: 1 }).textContent();
	const m = messages('en');

	const switcher = page.getByRole('navigation', { name: m.language_switcher_label });
	// A compact control: the list opens from the current language's code.
	await page.locator('header details.languages > summary').click();
	await expect(switcher.getByRole('link', { name: /English/ })).toHaveAttribute('aria-current', 'true');
	await switcher.getByRole('link', { name: 'Norsk bokmål' }).click();

	await expect(page).toHaveURL(/\/nb\/glossary\/career-guidance$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
	const nb = await page.getByRole('heading', { level: 1 }).textContent();
	expect(nb).not.toEqual(en);
	await expect(page.getByRole('link', { name: messages('nb').glossary_back, exact: false })).toBeVisible();
	await expectAccessible(page);

	// The choice sticks: a bare address now opens in Norwegian.
	await page.goto('/glossary');
	await expect(page).toHaveURL(/\/nb\/glossary$/);
});

test('the switcher works by keyboard and keeps the query', async ({ page }) => {
	await page.goto('/en/glossary?q=career');
	const summary = page.locator('header details.languages > summary');
	await summary.focus();
	await page.keyboard.press('Enter');
	const link = page.getByRole('link', { name: 'Polski' });
	await link.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/pl\/glossary\?q=career$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('pl').glossary_title!);
});

import { expect, expectAccessible, messages, test } from './fixtures.ts';

const cases = [
	['en', 'career guidance', 'Career guidance'],
	['nb', 'karriereveiledning', 'Karriereveiledning'],
	['cs', 'kariérové poradenství', 'Kariérové poradenství'],
	['sk', 'kariérové poradenstvo', 'Kariérové poradenstvo'],
	['pl', 'doradztwo kariery', 'Doradztwo kariery']
] as const;

for (const [locale, query, expected] of cases) {
	test(`the header search finds a ${locale} term in ${locale}`, async ({ page }) => {
		const m = messages(locale);
		await page.goto(`/${locale}`);
		const box = page.getByRole('searchbox', { name: m.search_field });
		await box.fill(query);
		await box.press('Enter');
		await expect(page).toHaveURL(new RegExp(`/${locale}/search\\?q=`));
		await expect(page.getByRole('heading', { level: 2, name: m.search_results_for!.replace('{query}', query) })).toBeVisible();
		await expect(page.locator('.hits h3 a').filter({ hasText: expected }).first()).toBeVisible();
		await expect(page.locator('.hits mark').first()).toBeVisible();
		await expectAccessible(page);
	});
}

test('filters by type, and explains when nothing is found', async ({ page }) => {
	const m = messages('en');
	await page.goto('/en/search?q=ethics');
	await page.getByRole('navigation', { name: m.search_filter_label }).getByRole('link', { name: /^Glossary/ }).click();
	await expect(page).toHaveURL(/type=glossary/);
	for (const kind of await page.locator('.hits .kind').allTextContents()) expect(kind).toBe(m.search_kind_glossary);

	await page.goto('/en/search?q=zzqxwv');
	await expect(page.getByRole('heading', { name: m.search_none_title!.replace('{query}', 'zzqxwv') })).toBeVisible();
	await expect(page.getByRole('link', { name: m.nav_frameworks, exact: true }).last()).toBeVisible();
});

test('a search result leads to the term', async ({ page }) => {
	await page.goto('/en/search?q=co-careering');
	await page.locator('.hits h3 a').first().click();
	await expect(page).toHaveURL(/\/en\/glossary\/co-careering$/);
});

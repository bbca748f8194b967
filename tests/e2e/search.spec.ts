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

	// Many hits come a page at a time, with the pager's links.
	await page.goto('/en/search?q=career');
	const pages = page.getByRole('navigation', { name: m.pager_label });
	await expect(pages).toContainText(m.pager_page_of!.replace('{page}', '1').replace(/\{pages\}.*/, ''));
	const hrefs = () => page.locator('.hits h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
	const firstPage = await hrefs();
	await pages.getByRole('link', { name: m.pager_next }).click();
	await expect(page).toHaveURL(/q=career&page=2$/);
	await expect(page.getByRole('navigation', { name: m.pager_label }).getByRole('link', { name: m.pager_previous })).toBeVisible();
	const secondPage = await hrefs();
	expect(secondPage.length).toBeGreaterThan(0);
	expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);
	await expectAccessible(page);

	await page.goto('/en/search?q=zzqxwv');
	await expect(page.getByRole('heading', { name: m.search_none_title!.replace('{query}', 'zzqxwv') })).toBeVisible();
	await expect(page.getByRole('link', { name: m.nav_frameworks, exact: true }).last()).toBeVisible();
});

test('a search result leads to the term', async ({ page }) => {
	await page.goto('/en/search?q=co-careering');
	await page.locator('.hits h3 a').first().click();
	await expect(page).toHaveURL(/\/en\/glossary\/co-careering$/);
});

test('an acronym finds what it stands for, and one tick searches all five languages', async ({ page }) => {
	const m = messages('en');
	await page.goto('/en/search?q=CMS');
	await expect(page.locator('.hits h3 a').filter({ hasText: 'Career management skills' }).first()).toBeVisible();

	const main = page.getByRole('main');
	await main.getByRole('searchbox', { name: m.search_field }).fill('karriereveiledning');
	await main.getByLabel(m.ux_search_all_languages!).check();
	await main.getByRole('button', { name: m.search_submit, exact: true }).click();
	await expect(page).toHaveURL(/all=1/);
	await expect(main.getByLabel(m.ux_search_all_languages!)).toBeChecked();
	const hit = page.locator('.hits li[lang="nb"]').filter({ has: page.locator('a[href="/nb/glossary/career-guidance"]') });
	await expect(hit.locator('.kind')).toContainText(`${m.ux_search_hit_language} Norsk bokmål`);
	await expectAccessible(page);
	// The filters keep to all languages.
	await page.getByRole('navigation', { name: m.search_filter_label }).getByRole('link', { name: /^Glossary/ }).click();
	await expect(page).toHaveURL(/type=glossary.*all=1|all=1.*type=glossary/);
});

import { expect, expectAccessible, LOCALES, messages, test } from './fixtures.ts';

for (const locale of LOCALES) {
	test(`the home page says what Praxis is and who it is for, in ${locale}`, async ({ page }) => {
		const m = messages(locale);
		await page.goto(`/${locale}`);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expect(page).toHaveTitle(m.home_title!);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.home_hero_heading!);
		for (const audience of ['practitioner', 'trainee', 'leader', 'trainer']) {
			await expect(page.getByRole('heading', { name: m[`home_audience_${audience}_title`], exact: true })).toBeVisible();
		}
		// Navigation only to parts that exist.
		const nav = page.getByRole('navigation', { name: m.nav_label });
		await expect(nav.getByRole('link')).toHaveText([m.nav_home!, m.nav_learn!, m.nav_frameworks!, m.community_nav!, m.resources_nav!, m.practices_nav!, m.quality_nav!, m.nav_cards!, m.nav_glossary!]);
		await expect(page.getByRole('contentinfo').getByRole('link', { name: m.footer_accessibility })).toBeVisible();
	});
}

test('a first visit opens in the language the browser asks for', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'cs-CZ' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page).toHaveURL(/\/cs$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
	await expectAccessible(page);
	await context.close();
});

test('the home page is accessible in dark mode and on a small phone', async ({ browser }) => {
	const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto('/pl');
	await expectAccessible(page);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, 'no horizontal scrolling at 360 px').toBeLessThanOrEqual(360);
	await context.close();
});

test('the footer leads to the accessibility statement and the privacy page', async ({ page }) => {
	const m = messages('sk');
	await page.goto('/sk');
	await page.getByRole('link', { name: m.footer_accessibility }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.a11y_title!);
	await expect(page.getByText('WCAG 2.1').first()).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: m.footer_privacy }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.privacy_title!);
	await expect(page.getByText('praxis_locale')).toBeVisible();
	// Dates in the reader's language.
	await expect(page.getByText(/23\. novembra 2026/)).toBeVisible();
});

test('keyboard users can skip to the content and see where the focus is', async ({ page }) => {
	const m = messages('en');
	await page.goto('/en');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: m.skip_to_content });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
	expect(outline).toBe('solid');
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: m.ux_home_start_learning })).toBeFocused();
});

test('the areas carry their icons on the home page and in the phone menu, silent for screen readers', async ({ browser }) => {
	const m = messages('nb');
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await page.goto('/nb');
	const cards: [string, string][] = [
		[m.home_now_learn_title!, 'learn'],
		[m.home_now_frameworks_title!, 'frameworks'],
		[m.home_now_glossary_title!, 'glossary'],
		[m.quality_home_card_title!, 'tools'],
		[m.home_now_cards_title!, 'cards'],
		[m.practices_home_card_title!, 'practices'],
		[m.resources_home_card_title!, 'resources'],
		[m.community_home_card_title!, 'community']
	];
	for (const [title, area] of cards) {
		// The heading's name is its words alone: the icon is hidden from assistive technology.
		const heading = page.getByRole('heading', { name: title, exact: true });
		const icon = heading.locator(`svg[data-area="${area}"]`);
		await expect(icon).toBeVisible();
		await expect(icon).toHaveAttribute('aria-hidden', 'true');
	}
	await page.getByText(m.ux_menu!, { exact: true }).click();
	const nav = page.getByRole('navigation', { name: m.nav_label });
	await expect(nav.getByRole('link', { name: m.nav_learn, exact: true }).locator('svg[data-area="learn"]')).toBeVisible();
	await expect(nav.getByRole('link', { name: m.nav_glossary, exact: true }).locator('svg[data-area="glossary"]')).toBeVisible();
	await expectAccessible(page);
	await context.close();
});

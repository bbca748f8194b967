import { expect, expectAccessible, messages, test } from './fixtures.ts';

test('the A–Z glossary lists every term with a link to its page', async ({ page }) => {
	const m = messages('en');
	await page.goto('/en/glossary');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.glossary_title!);
	const terms = page.locator('main dl dt a');
	expect(await terms.count()).toBeGreaterThanOrEqual(25);
	await expect(page.getByText(/^\d+ terms$/)).toBeVisible();

	// Letters jump to their section.
	const letters = page.getByRole('navigation', { name: m.glossary_az_label });
	await letters.getByRole('link', { name: 'L', exact: true }).click();
	await expect(page).toHaveURL(/#letter-L$/);

	await page.getByRole('link', { name: 'Labour market information (LMI)' }).click();
	await expect(page).toHaveURL(/\/en\/glossary\/labour-market-information$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Labour market information (LMI)');
	await expect(page.getByRole('heading', { name: m.glossary_source })).toBeVisible();
	await expect(page.getByRole('heading', { name: m.glossary_in_language })).toBeVisible();
	await expectAccessible(page);
});

test('terms are in the reader’s language and sorted for it', async ({ page }) => {
	await page.goto('/cs/glossary');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('cs').glossary_title!);
	await expect(page.getByRole('link', { name: 'Kariérové poradenství', exact: false }).first()).toBeVisible();
	const names = await page.locator('main dl dt a').allTextContents();
	const sorted = [...names].sort(new Intl.Collator('cs').compare);
	expect(names).toEqual(sorted);
});

test('finding a term, and a clear message when nothing matches', async ({ page }) => {
	const m = messages('en');
	await page.goto('/en/glossary');
	await page.getByLabel(m.glossary_filter_label!).fill('co-careering');
	await page.getByRole('button', { name: m.glossary_filter_submit }).click();
	await expect(page).toHaveURL(/q=co-careering/);
	await expect(page.locator('main dl dt a').first()).toHaveText(/Co-careering/);
	await expectAccessible(page);

	await page.getByLabel(m.glossary_filter_label!).fill('zzzqqq');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'No terms match “zzzqqq”' })).toBeVisible();
	await page.getByRole('link', { name: m.glossary_filter_clear }).first().click();
	await expect(page.locator('main dl dt a').first()).toBeVisible();
	expect(await page.locator('main dl dt a').count()).toBeGreaterThanOrEqual(25);
});

test('a term links to where the reference frameworks speak of it', async ({ page }) => {
	await page.goto('/en/glossary/career-buttons');
	await expect(page.getByRole('heading', { name: messages('en').glossary_in_frameworks })).toBeVisible();
	const link = page.locator('main a[href*="/en/frameworks/"]').filter({ hasText: /career buttons/i }).first();
	await expect(link).toBeVisible();
	await link.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(/career buttons/i);
});

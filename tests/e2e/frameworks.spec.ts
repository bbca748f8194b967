import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { expect, expectAccessible, messages, test } from './fixtures.ts';

// The shipped framework files are the expectation: every one must be browsable in two languages.
type Node = { key: string; code?: string; translations: Record<string, { title: string }>; children?: Node[] };
type Framework = { version: string; translations: Record<string, { title: string }>; nodes: Node[] };
const dir = path.resolve('content/frameworks');
const shipped = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.yaml'))
	.map((f) => ({ slug: f.replace(/\.yaml$/, ''), data: parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Framework }));

test('the frameworks index lists every shipped framework', async ({ page }) => {
	await page.goto('/en/frameworks');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('en').frameworks_title!);
	for (const { data } of shipped) await expect(page.getByRole('link', { name: data.translations.en!.title, exact: true })).toBeVisible();
});

for (const { slug, data } of shipped) {
	for (const locale of ['en', 'cs'] as const) {
		test(`${slug} reads as a tree with contents in ${locale}`, async ({ page }) => {
			await page.goto(`/${locale}/frameworks/${slug}`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(data.translations[locale]!.title);
			const toc = page.getByRole('navigation', { name: messages(locale).framework_toc });
			for (const node of data.nodes) {
				const title = node.translations[locale]!.title;
				await expect(toc.getByRole('link', { name: title }).first()).toBeVisible();
				await expect(page.locator(`[id="${node.key}"]`)).toContainText(title);
			}
			await expect(page.getByText(data.version, { exact: true }).first()).toBeVisible();
		});
	}
}

test('a deep link opens at its node, and the node page keeps its place across languages', async ({ page }) => {
	const { slug, data } = shipped.find((f) => f.data.nodes[0]?.children?.length) ?? shipped[0]!;
	const node = data.nodes[0]!;
	await page.goto(`/en/frameworks/${slug}#${node.key}`);
	await expect(page.locator(`[id="${node.key}"]`)).toBeInViewport();

	await page.getByRole('link', { name: messages('en').framework_node_page!.replace('{title}', node.translations.en!.title) }).click();
	await expect(page).toHaveURL(new RegExp(`/en/frameworks/${slug}/${node.key}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(node.translations.en!.title);
	await expectAccessible(page);

	await page.locator('header details.languages > summary').click();
	await page.getByRole('link', { name: 'Slovenčina' }).click();
	await expect(page).toHaveURL(new RegExp(`/sk/frameworks/${slug}/${node.key}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(node.translations.sk!.title);
	await page.getByRole('navigation', { name: messages('sk').framework_breadcrumb }).getByRole('link').first().click();
	await expect(page).toHaveURL(new RegExp(`/sk/frameworks/${slug}$`));
});

test('citing a framework gives text and BibTeX', async ({ page }) => {
	const { slug, data } = shipped[0]!;
	await page.goto(`/en/frameworks/${slug}`);
	await page.getByText(messages('en').framework_cite!).click();
	await expect(page.locator('pre')).toContainText(`@misc{praxis-${slug}`);
	await expect(page.getByText(`${data.translations.en!.title}, version ${data.version}.`)).toBeVisible();
});

test('an unknown framework or node is a translated 404', async ({ page }) => {
	expect((await page.goto('/pl/frameworks/no-such-framework'))?.status()).toBe(404);
	await expect(page.getByText(messages('pl').framework_not_found!)).toBeVisible();
	const { slug } = shipped[0]!;
	expect((await page.goto(`/pl/frameworks/${slug}/no-such-node`))?.status()).toBe(404);
});

test('framework pages draw their diagrams: a named picture, the diagram in words, accessible in light and dark', async ({ page }) => {
	test.slow(); // four axe scans of long pages
	const pl = messages('pl');
	await page.goto('/pl/frameworks/career-learning-in-context');
	const circle = page.getByRole('img', { name: pl.diagram_buttons_title, exact: true });
	await expect(circle).toBeVisible();
	await expect(circle).toHaveAccessibleDescription(pl.diagram_buttons_desc!);
	// The labels inside the picture are in the reader's language.
	await expect(circle.locator('text').filter({ hasText: pl.diagram_buttons_1! })).toHaveCount(1);
	await expect(page.getByRole('img', { name: pl.diagram_dots_title, exact: true })).toBeVisible();
	const words = page.locator('#diagram-career-buttons details');
	await words.getByText(pl.diagram_in_words!).click();
	for (const key of ['diagram_buttons_1', 'diagram_buttons_2', 'diagram_buttons_3', 'diagram_buttons_4', 'diagram_buttons_5'])
		await expect(words.getByRole('listitem').filter({ hasText: pl[key]! })).toBeVisible();
	await expectAccessible(page);
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectAccessible(page);
	// Dark mode reaches inside the picture: its text takes the page's light text colour.
	expect(await circle.locator('.dg-text').first().evaluate((e) => getComputedStyle(e).fill)).toBe('rgb(232, 237, 243)');

	const en = messages('en');
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/en/frameworks/ethical-guidelines/reflection-model');
	await expect(page.getByRole('img', { name: en.diagram_reflection_title, exact: true })).toBeVisible();
	await page.goto('/en/frameworks/quality-model');
	await expect(page.getByRole('img', { name: en.diagram_qm_title, exact: true })).toBeVisible();
	// (the fixture scans this last page with axe)
});

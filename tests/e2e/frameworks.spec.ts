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

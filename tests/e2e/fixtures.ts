import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const LOCALES = ['en', 'nb', 'cs', 'sk', 'pl'] as const;
export type Locale = (typeof LOCALES)[number];

// The message files of each locale, as listed in the inlang project settings.
const settings = JSON.parse(fs.readFileSync(path.resolve('project.inlang/settings.json'), 'utf8'));
const patterns: string[] = [settings['plugin.inlang.messageFormat'].pathPattern].flat();

/** The UI strings as a reader of `locale` sees them. */
export function messages(locale: Locale): Record<string, string> {
	return Object.assign({}, ...patterns.map((p) => JSON.parse(fs.readFileSync(path.resolve(p.replace('{locale}', locale)), 'utf8'))));
}

// What each page showed when it was last checked, so the check after a test does not repeat the
// one the test made on the same unchanged page.
const checked = new WeakMap<Page, string>();
const stateOf = async (page: Page) => `${page.url()}\n${page.viewportSize()?.width}\n${await page.evaluate(() => document.documentElement.outerHTML)}`;

/** Fails with the list of WCAG 2.1 A/AA violations axe finds on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
	// Legacy mode runs axe in the page itself; the default mode finishes every run in a second,
	// blank page, which doubles the time of a check. Praxis has no frames for it to cross.
	// `resultTypes`: every violation is still found and listed in full; of the passes and the rest,
	// axe describes one node per rule instead of every node (a third to half of a check's time on a
	// long page). One options object, because `options()` replaces what `withTags()` sets.
	const results = await new AxeBuilder({ page })
		.options({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
		.setLegacyMode(true)
		.analyze();
	const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
	await expectReflow(page);
	checked.set(page, await stateOf(page));
}

/**
 * The same check for a page in a context without JavaScript, where axe cannot run: the page's
 * address is opened and checked in a scripted context with the same cookies, at the same size.
 */
export async function expectAccessibleWithoutScript(page: Page): Promise<void> {
	const browser = page.context().browser()!;
	const scanner = await browser.newContext({ storageState: await page.context().storageState(), viewport: page.viewportSize() });
	try {
		const scanned = await scanner.newPage();
		await scanned.goto(page.url());
		await expectAccessible(scanned);
	} finally {
		await scanner.close();
	}
}

/**
 * WCAG 1.4.10 Reflow: at 320 CSS px wide (1280 px at 400 % zoom) the page scrolls only up and
 * down. Checked on every page a test checks with axe; the viewport is put back afterwards.
 */
export async function expectReflow(page: Page): Promise<void> {
	const before = page.viewportSize();
	await page.setViewportSize({ width: 320, height: before?.height ?? 720 });
	try {
		const overflow = await page.evaluate(() => {
			const root = document.documentElement;
			const sideways = root.scrollWidth - root.clientWidth;
			// Only when it fails: name the first elements that stick out (a walk over every element is slow).
			const wide =
				sideways <= 0
					? []
					: [...document.querySelectorAll('body *')]
							.filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !el.closest('.table-wrap, .scroll-x, pre, [data-scrolls]'))
							.slice(0, 3)
							.map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`);
			return { sideways, wide };
		});
		expect(overflow.sideways, `sideways scrolling at 320 px on ${page.url()} (${overflow.wide.join(', ')})`).toBeLessThanOrEqual(0);
	} finally {
		if (before) await page.setViewportSize(before);
	}
}

/**
 * `page` that is checked with axe after every test, on whatever page it ends; tests call
 * expectAccessible themselves after each further page they visit.
 */
export const test = base.extend<{ page: Page }>({
	page: async ({ page }, use) => {
		await use(page);
		if (page.url().startsWith('http') && checked.get(page) !== (await stateOf(page))) await expectAccessible(page);
	}
});

export { expect };

import { test as base, expect, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import fs from 'node:fs';
import { createRequire } from 'node:module';
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

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// WCAG 2.1 A and AA. `resultTypes`: every violation is still found and listed in full; of the
// passes and the rest, axe describes one node per rule instead of every node (a third to half of
// a check's time on a long page).
const AXE_OPTIONS: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };

/** Fails with the list of WCAG 2.1 A/AA violations axe finds on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
	// axe-core runs in the page itself, put there once per document (Praxis has no frames). The
	// @axe-core/playwright wrapper evaluated its half-megabyte source twice per check and sent every
	// result back: 0.2–0.4 s more per check.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	const summary = await page.evaluate(async (options) => {
		const axe = (window as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } }).axe;
		const results = await axe.run(document, options);
		return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}, AXE_OPTIONS);
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

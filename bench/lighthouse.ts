// `npm run bench:lighthouse`: Lighthouse (mobile preset, the system Chromium) on the built server:
// home, a framework page, a lesson, sign-up, search and the main page of each tool, signed out or
// signed in as the page needs. Prints performance / accessibility / best practices / SEO and the
// largest contentful paint per page. Figures only.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startWithLearner } from './lib.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const { server, cookie, lesson } = await startWithLearner(3143);
// Signed-out pages first: a signed-in page's response may refresh the session cookie, which the
// browser then keeps, and sign-up sends a signed-in person on to their account page.
const pages: [string, string, boolean][] = [
	['home', '/en', false],
	['framework page', '/en/frameworks/ethical-guidelines', false],
	['sign-up', '/en/signup', false],
	['search', '/en/search?q=ethics', false],
	['ethics cards', '/en/cards', false],
	['practice inventory', '/en/practices', false],
	['resource library', '/en/resources', false],
	['community', '/en/community', false],
	['lesson (signed in)', lesson, true],
	['my competence (signed in)', '/en/competence', true],
	['my CPD (signed in)', '/en/cpd', true],
	['our quality (signed in)', '/en/quality', true]
];
const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run']
});
const rows: string[] = [];
try {
	for (const [name, path, signedIn] of pages) {
		const result = await lighthouse(server.base + path, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: [...CATEGORIES],
			extraHeaders: signedIn ? { cookie } : undefined
		});
		if (!result) throw new Error(`${path}: Lighthouse gave no result`);
		const { categories, audits } = result.lhr;
		const scores = CATEGORIES.map((c) => String(Math.round((categories[c]?.score ?? 0) * 100)).padStart(3));
		const lcp = audits['largest-contentful-paint']?.numericValue ?? 0;
		const failed = CATEGORIES.flatMap((c) => categories[c]!.auditRefs)
			.filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
			.map((ref) => ref.id);
		// A page that sent the browser elsewhere is not the page the row names: say so.
		const landed = new URL(result.lhr.finalDisplayedUrl).pathname + new URL(result.lhr.finalDisplayedUrl).search;
		const moved = landed === path ? '' : ` (redirected to ${landed})`;
		rows.push(`| ${name.padEnd(26)} | ${scores.join(' | ')} | ${(lcp / 1000).toFixed(1).padStart(5)} s | ${[...new Set(failed)].join(', ')}${moved}`);
	}
} finally {
	await chrome.kill();
	await server.stop();
}
console.log(`\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile preset, ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}\n`);
console.log(`| ${'page'.padEnd(26)} | perf | a11y | best | seo |   LCP   | audits below full marks`);
console.log(`|${'-'.repeat(28)}|------|------|------|-----|---------|-----`);
for (const row of rows) console.log(row);

// Takes the screenshots of docs/screenshots: home (signed out), the course catalogue, the first
// lesson of the first course, and the Our quality tool (signed in as a new member), at 1280×800
// and 390×844, from a running server started with NODE_ENV=development (it logs each mail's link,
// which is how the new member confirms the address).
//
//   node docs/screenshots/take.mjs <base-url> <label> <server-log> <content-dir>
//   e.g. node docs/screenshots/take.mjs http://127.0.0.1:3759 before /tmp/old.log /work/wt-old/content
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { parse } from 'yaml';

const [base, label, logFile, contentDir] = process.argv.slice(2);
const out = path.dirname(new URL(import.meta.url).pathname);
const course = 'foundations';
const courseYaml = parse(fs.readFileSync(path.join(contentDir, 'courses', course, 'course.yaml'), 'utf8'));
const firstModule = courseYaml.modules[0];
const firstLesson = parse(fs.readFileSync(path.join(contentDir, 'courses', course, firstModule, 'module.yaml'), 'utf8')).lessons[0];
const pages = [
	['home', '/en'],
	['catalogue', '/en/learn'],
	['lesson', `/en/learn/${course}/${firstModule}/${firstLesson}`]
];
const viewports = [
	['desktop', { width: 1280, height: 800 }],
	['phone', { width: 390, height: 844 }]
];
const MAX_PNG = 300 * 1024;

async function shoot(page, name) {
	// Let web fonts and images settle.
	await page.waitForLoadState('networkidle');
	const file = path.join(out, `${label}-${name}.png`);
	const png = await page.screenshot({ type: 'png' });
	if (png.byteLength <= MAX_PNG) {
		fs.writeFileSync(file, png);
		return;
	}
	// Too large as a PNG: a JPEG of good quality, under the same name stem.
	fs.writeFileSync(file.replace(/\.png$/, '.jpg'), await page.screenshot({ type: 'jpeg', quality: 80 }));
}

/** Figures for the README: the header's height, the colours, and what a catalogue card shows. */
const metrics = {};
async function measure(page, key) {
	metrics[key] = await page.evaluate(() => {
		const header = document.querySelector('header');
		const css = (el, prop) => (el ? getComputedStyle(el)[prop] : null);
		const link = document.querySelector('main a');
		const button = document.querySelector('header button, main button');
		const card = document.querySelector('main li');
		return {
			headerHeight: header ? Math.round(header.getBoundingClientRect().height) : null,
			headerBackground: css(header, 'backgroundColor'),
			bodyBackground: css(document.body, 'backgroundColor'),
			text: css(document.body, 'color'),
			font: css(document.body, 'fontFamily'),
			link: css(link, 'color'),
			button: css(button, 'backgroundColor'),
			h1Size: css(document.querySelector('h1'), 'fontSize'),
			cardImages: card ? card.querySelectorAll('img, svg').length : 0,
			progressBars: document.querySelectorAll('progress, [role=progressbar], meter').length,
			pageHeight: document.documentElement.scrollHeight
		};
	});
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
	for (const [vp, size] of viewports) {
		const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: 'en-GB' });
		const page = await context.newPage();
		for (const [name, url] of pages) {
			await page.goto(base + url);
			await shoot(page, `${name}-${vp}`);
			await measure(page, `${name}-${vp}`);
		}
		await context.close();
	}

	// A new member, signed in, on the Our quality tool.
	const email = `screens-${Date.now().toString(36)}@example.org`;
	const password = 'a long and memorable passphrase 42';
	const context = await browser.newContext({ viewport: viewports[0][1], deviceScaleFactor: 1, locale: 'en-GB' });
	const page = await context.newPage();
	await page.goto(`${base}/en/signup`);
	await page.fill('[name=displayName]', 'Dana Screens');
	await page.fill('[name=email]', email);
	await page.fill('[name=password]', password);
	for (const select of ['country', 'sector']) {
		const value = await page.locator(`select[name=${select}] option`).evaluateAll((options) => options.map((o) => o.value).find(Boolean));
		await page.selectOption(`select[name=${select}]`, value);
	}
	await page.locator('form:has([name=password]) button[type=submit], form:has([name=password]) button:not([type])').first().click();
	await page.waitForLoadState('networkidle');
	let link;
	for (let i = 0; i < 30 && !link; i++) {
		const log = fs.readFileSync(logFile, 'utf8');
		link = [...log.matchAll(/https?:\/\/[^\s"]*\/verify-email\/[A-Za-z0-9_-]+/g)].map((m) => m[0]).pop();
		if (!link) await new Promise((r) => setTimeout(r, 1000));
	}
	if (!link) throw new Error('no confirmation link in the server log');
	await page.goto(base + new URL(link).pathname);
	const confirm = page.locator('main form button');
	if (await confirm.count()) await confirm.first().click();
	await page.waitForLoadState('networkidle');
	await page.goto(`${base}/en/signin`);
	await page.fill('[name=email]', email);
	await page.fill('[name=password]', password);
	await page.locator('form:has([name=password]) button').first().click();
	await page.waitForLoadState('networkidle');
	await page.goto(`${base}/en/quality`);
	await shoot(page, 'quality-desktop');
	await measure(page, 'quality-desktop');
	await page.setViewportSize(viewports[1][1]);
	await page.reload();
	await shoot(page, 'quality-phone');
	await measure(page, 'quality-phone');
	fs.writeFileSync(path.join(out, `${label}-metrics.json`), JSON.stringify(metrics, null, '\t') + '\n');
	await context.close();
} finally {
	await browser.close();
}

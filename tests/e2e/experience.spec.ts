import type { Page } from '@playwright/test';
import { courseLessons, type CourseLesson } from './course.ts';
import { expect, expectAccessible, expectReflow, LOCALES, messages, test } from './fixtures.ts';
import { adminPage, signUpAndSignIn, type Person } from './helpers.ts';

// Issue 19, the learner's and trainer's experience: each defect of the review as a learner meets it.

const en = messages('en');
const lessons = courseLessons();
const quizLesson = lessons.find((l) => l.structure.activities?.some((a) => a.kind === 'quiz' && a.questions.some((q) => q.multiple)))!;
const quiz = quizLesson.structure.activities!.find((a) => a.kind === 'quiz' && a.questions.some((q) => q.multiple))!;
if (quiz.kind !== 'quiz') throw new Error('not a quiz');
const texts = quizLesson.texts.activities![quiz.key]!;

function quizSection(page: Page) {
	return page.locator('main section.activity').filter({ has: page.getByRole('heading', { name: texts.title, exact: true }) });
}

/** Chooses right (or wrong) answers for every question; `skip` leaves that question unanswered. */
async function choose(page: Page, right: boolean, skip?: string): Promise<void> {
	if (quiz.kind !== 'quiz') return;
	const section = quizSection(page);
	for (const q of quiz.questions) {
		const group = section.getByRole('group', { name: texts.questions![q.key]!.prompt });
		for (const o of q.options) {
			const box = group.getByLabel(texts.questions![q.key]!.options[o]!.text, { exact: true });
			if (q.multiple && (await box.isChecked())) await box.uncheck();
		}
		if (q.key === skip) continue;
		const chosen = right ? q.correct : [q.options.find((o) => !q.correct.includes(o))!];
		for (const o of chosen) await group.getByLabel(texts.questions![q.key]!.options[o]!.text, { exact: true }).check();
	}
}

async function submitQuiz(page: Page): Promise<void> {
	await quizSection(page)
		.getByRole('button', { name: new RegExp(`^(${en.learn_quiz_submit}|${en.learn_quiz_retry})$`) })
		.click();
}

const quizzer: Person = { name: 'Quentin Quiz', email: 'quentin.quiz@praxis.test', password: 'a long quizzing passphrase', locale: 'en' };

test('a quiz describes this attempt, keeps what was chosen, names the unanswered question, and a reload sends nothing again', async ({ page }) => {
	test.setTimeout(180_000);
	if (quiz.kind !== 'quiz') return;
	await signUpAndSignIn(page, quizzer);
	await page.goto(`/en/learn/foundations`);
	await page.getByRole('button', { name: en.learn_enrol, exact: true }).click();
	await page.goto(`/en${quizLesson.path}`);

	// The content's own "Choose all that apply." is not repeated by the interface.
	const multiple = quiz.questions.find((q) => q.multiple)!;
	const legend = quizSection(page).getByRole('group', { name: texts.questions![multiple.key]!.prompt });
	await expect(legend.locator('legend')).not.toContainText(`(${en.learn_quiz_choose_all})`);

	// One question left out: the other choices stay as chosen, the summary names the question and has focus.
	const single = quiz.questions.find((q) => !q.multiple)!;
	await choose(page, true, multiple.key);
	await submitQuiz(page);
	await expect(page).toHaveTitle(new RegExp(`^${en.ux_error_title_prefix}`));
	const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: en.ux_error_summary_title }) });
	await expect(summary).toBeFocused();
	const missing = summary.getByRole('link', { name: texts.questions![multiple.key]!.prompt });
	await expect(missing).toBeVisible();
	const rightSingle = texts.questions![single.key]!.options[single.correct[0]!]!.text;
	await expect(quizSection(page).getByLabel(rightSingle, { exact: true })).toBeChecked();
	await expectAccessible(page);
	await missing.click();
	await expect(page.locator(`fieldset#${quiz.key}-${multiple.key}`)).toBeInViewport();

	// A pass at the first attempt: "after 1 attempt", and the address is a page, not a form post.
	await choose(page, true);
	await submitQuiz(page);
	await expect(page.getByText(en.learn_quiz_passed!)).toBeVisible();
	await expect(quizSection(page)).toContainText('after 1 attempt.');
	expect(page.url()).not.toContain('?/');
	// Feedback does not say the same thing twice.
	const feedback = (await quizSection(page).locator('.feedback').first().textContent()) ?? '';
	for (const word of ['Not quite.', 'Right.']) expect(feedback.split(word).length, feedback).toBeLessThanOrEqual(2);

	// A failed retry after the pass says so; the best score is told apart.
	await choose(page, false);
	await submitQuiz(page);
	const result = quizSection(page).getByRole('status').first();
	await expect(result).toContainText(en.learn_quiz_not_passed!);
	await expect(result).not.toContainText(en.learn_quiz_passed!);
	await expect(result).toContainText('100%');
	await expect(result).toContainText('after 2 attempts.');
	await expectAccessible(page);

	// A reload sends no form again: the attempts stay at two.
	const posts: string[] = [];
	page.on('request', (r) => {
		if (r.method() === 'POST') posts.push(r.url());
	});
	await page.reload();
	expect(posts).toEqual([]);
	await expect(quizSection(page)).toContainText('after 2 attempts.');

	// Home knows the learner: where to continue, their course with its progress.
	await page.goto('/en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.ux_home_continue_heading!);
	await expect(page.getByRole('link', { name: /^Continue: / })).toBeVisible();
	await expect(page.getByRole('progressbar')).toBeVisible();
	await expectAccessible(page);
});

test('a signed-out visit to a private page offers sign-in there and returns to it', async ({ page }) => {
	test.setTimeout(60_000);
	const response = await page.goto('/en/learn/my');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.signin_title!);
	await expect(page.getByRole('link', { name: en.nav_signup, exact: true }).last()).toHaveAttribute('href', /next=%2Flearn%2Fmy/);
	await expectAccessible(page);
	await page.getByLabel(en.field_email!, { exact: true }).fill(quizzer.email);
	await page.getByLabel(en.field_password!, { exact: true }).fill('not the password of anybody');
	await page.getByRole('main').getByRole('button', { name: en.signin_submit, exact: true }).click();
	// A wrong password keeps the destination.
	await expect(page.locator('input[name="next"]')).toHaveValue('/learn/my');
});

test('the site has a favicon, descriptions, language alternates, robots.txt, compressed pages, and a mistyped locale is corrected', async ({ page, request }) => {
	expect((await request.get('/favicon.svg')).status()).toBe(200);
	const robots = await request.get('/robots.txt');
	expect(robots.status()).toBe(200);
	expect(await robots.text()).toContain('User-agent');
	await page.goto('/nb/glossary');
	await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S{10}/);
	await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/nb\/glossary$/);
	for (const locale of LOCALES) await expect(page.locator(`link[rel="alternate"][hreflang="${locale}"]`)).toHaveAttribute('href', new RegExp(`/${locale}/glossary$`));
	await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveCount(1);
	const lesson = lessons[0]!;
	await page.goto(`/en${lesson.path}`);
	await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S{10}/);
	const compressed = await request.get('/en/frameworks', { headers: { 'accept-encoding': 'gzip, br' } });
	expect(compressed.headers()['content-encoding']).toMatch(/^(br|gzip)$/);
	for (const wrong of ['/EN/learn', '/Nb/glossary']) {
		const answer = await page.goto(wrong);
		expect(answer?.status(), wrong).toBe(200);
		expect(new URL(page.url()).pathname).toBe(wrong.toLowerCase());
	}
});

test('inline forms line up, languages start unticked and a sole owner is not offered to leave', async ({ browser, page }) => {
	test.setTimeout(90_000);
	for (const path of ['/en/search?q=career', '/en/glossary']) {
		await page.goto(path);
		const form = page.locator('main form.inline-form').first();
		const input = await form.locator('input:not([type=hidden])').first().boundingBox();
		const button = await form.locator('button').first().boundingBox();
		expect(Math.abs(input!.y + input!.height - (button!.y + button!.height)), path).toBeLessThanOrEqual(2);
	}
	const admin = await adminPage(browser);
	await admin.goto('/en/organisations');
	for (const locale of LOCALES) await expect(admin.locator(`#org-languages-${locale}`)).not.toBeChecked();
	await admin.getByLabel(en.org_field_name!, { exact: true }).fill('Sole Owner Services');
	await admin.getByLabel(en.field_sector!, { exact: true }).selectOption('school');
	await admin.getByRole('button', { name: en.org_create_submit, exact: true }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Sole Owner Services' })).toBeVisible();
	await expect(admin.getByRole('button', { name: en.org_leave_submit, exact: true })).toHaveCount(0);
	await expectAccessible(admin);
});

for (const locale of ['cs', 'pl'] as const) {
	test(`sign-up in ${locale}: no country chosen for you, privacy at the point of collection, show password, no big bundle`, async ({ page }) => {
		test.setTimeout(60_000);
		const m = messages(locale);
		const errors: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error') errors.push(message.text());
		});
		let scriptBytes = 0;
		page.on('response', async (r) => {
			if (r.request().resourceType() === 'script') scriptBytes += (await r.body()).byteLength;
		});
		await page.goto(`/${locale}/signup`);
		await expect(page.getByLabel(m.field_country!, { exact: true })).toHaveValue('');
		await expect(page.locator('main form').getByRole('link', { name: m.footer_privacy })).toBeVisible();
		const password = page.getByLabel(m.field_password!, { exact: true });
		await password.fill('correct horse battery');
		await page.getByLabel(m.ux_show_password!, { exact: true }).check();
		await expect(password).toHaveAttribute('type', 'text');
		await expect(page.getByText(`${m.password_strength_label}: ${m.password_strength_strong}`)).toBeVisible();
		await expectAccessible(page);
		expect(scriptBytes, 'JavaScript on the sign-up page').toBeLessThan(20_000);
		expect(errors).toEqual([]);
	});
}

test('on a phone without JavaScript the menu and the search open and close', async ({ browser }) => {
	test.setTimeout(90_000);
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
	const page = await phone.newPage();
	await page.goto('/en/learn');
	const nav = page.getByRole('navigation', { name: en.nav_label });
	await expect(nav.getByRole('link', { name: en.nav_glossary, exact: true })).toBeHidden();
	await page.getByText(en.ux_menu!, { exact: true }).click();
	await expect(nav.getByRole('link', { name: en.nav_glossary, exact: true })).toBeVisible();
	// Open, the menu lies over the page: the header itself stays as short.
	expect((await page.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(72);
	await page.locator('header details.search > summary').click();
	await expect(page.getByLabel(en.search_field!, { exact: true }).first()).toBeVisible();
	await phone.close();
});

for (const locale of LOCALES) {
	test(`the header is short in ${locale}: at most 72 px on a phone, 120 px on a desktop`, async ({ browser }) => {
		test.setTimeout(90_000);
		const m = messages(locale);
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		await page.goto(`/${locale}/learn`);
		expect((await page.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(72);
		await page.getByText(m.ux_menu!, { exact: true }).click();
		await expect(page.getByRole('navigation', { name: m.nav_label }).getByRole('link', { name: m.nav_glossary, exact: true })).toBeVisible();
		await expectAccessible(page);
		await page.setViewportSize({ width: 1280, height: 900 });
		expect((await page.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(120);
		await expect(page.getByRole('navigation', { name: m.nav_label }).getByRole('link', { name: m.nav_glossary, exact: true })).toBeVisible();
		await context.close();
	});
}

test('signed in, in Norwegian on a desktop, the header stays in one band', async ({ browser }) => {
	test.setTimeout(90_000);
	const admin = await adminPage(browser);
	await admin.setViewportSize({ width: 1280, height: 900 });
	await admin.goto('/nb/learn');
	expect((await admin.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(120);
	await admin.setViewportSize({ width: 390, height: 844 });
	expect((await admin.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(72);
	await expectAccessible(admin);
});

test('the main pages reflow at 320 px without sideways scrolling', async ({ page }) => {
	test.setTimeout(180_000);
	const pages = ['/cs/learn', '/nb/learn', '/en/learn/foundations', ...lessons.slice(0, 6).flatMap((l: CourseLesson) => [`/en${l.path}`, `/sk${l.path}`]), '/nb/frameworks/competence-standards', '/nb/frameworks', '/pl/glossary', '/en/search?q=career'];
	for (const path of pages) {
		await page.goto(path);
		await expectReflow(page);
	}
});

test('English passages inside a Norwegian page are marked as English', async ({ page }) => {
	await page.goto('/nb/frameworks/competence-standards');
	const english = page.getByText('Summarised in the platform', { exact: false });
	expect(await english.count()).toBeGreaterThan(0);
	for (const element of await english.all()) {
		expect(await element.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('en');
	}
	// The platform's own standard note is translated; the codes of a framework's areas are not run into their titles.
	await page.goto('/nb/frameworks/national-quality-framework');
	await expect(page.getByText(messages('nb').ux_framework_licence_summary!, { exact: true })).toBeVisible();
	await page.goto('/en/frameworks/national-quality-framework/quality-assurance');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^1\. Quality assurance/);
	// A module's references keep a space before their address.
	await page.goto(`/en/learn/foundations/${lessons[0]!.module}`);
	for (const item of await page.locator('.references li').all()) expect(await item.textContent()).not.toMatch(/\S(https?:)/);
});

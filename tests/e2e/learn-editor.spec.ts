import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BASE_URL } from '../../playwright.config.ts';
import { expect, expectAccessible, messages, test, type Locale } from './fixtures.ts';
import { adminPage } from './helpers.ts';
import { png as pngOf } from '../helpers/images.ts';

// The course editor, as an editor uses it: from the courses overview to one lesson in Czech,
// preview, save and publish, and what learners and strangers then get.

const authoring = (locale: Locale): Record<string, string> =>
	JSON.parse(fs.readFileSync(path.resolve('messages', 'authoring', `${locale}.json`), 'utf8'));
const en = { ...messages('en'), ...authoring('en') };

// The first lesson of the first module of the starter course, as the files say.
const COURSE = 'foundations';
const courseDir = path.resolve('content', 'courses', COURSE);
const courseYaml = parse(fs.readFileSync(path.join(courseDir, 'course.yaml'), 'utf8')) as { modules: string[]; translations: { en: { title: string } } };
const MODULE = courseYaml.modules[0]!;
const LESSON = (parse(fs.readFileSync(path.join(courseDir, MODULE, 'module.yaml'), 'utf8')) as { lessons: string[] }).lessons[0]!;
const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(fs.readFileSync(path.join(courseDir, MODULE, LESSON, 'en.md'), 'utf8'))![1]!;
const LESSON_TITLE = (parse(frontMatter) as { title: string }).title;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('an editor changes a lesson’s Czech title with a preview first; learners see it at once', async ({ browser }) => {
	test.slow(); // eight pages and six accessibility scans
	const editor = await adminPage(browser);
	const main = editor.getByRole('main');
	await editor.goto('/en/editor');
	await main.getByRole('link', { name: en.author_courses_link, exact: true }).click();
	await expect(editor).toHaveURL(/\/en\/editor\/courses$/);
	await expect(main.getByRole('heading', { level: 1, name: en.author_courses_title, exact: true })).toBeVisible();
	await expect(main.getByRole('table')).toContainText(courseYaml.translations.en.title);
	await expectAccessible(editor);

	await main.getByRole('link', { name: courseYaml.translations.en.title, exact: true }).click();
	await expect(editor).toHaveURL(new RegExp(`/en/editor/courses/${COURSE}$`));
	await expect(main.getByRole('heading', { level: 1 })).toContainText(courseYaml.translations.en.title);
	await expectAccessible(editor);

	// The translators' table links each lesson in each language to the lesson editor.
	await main.getByRole('link', { name: new RegExp(`: ${escape(LESSON_TITLE)}, Čeština$`) }).click();
	await expect(editor).toHaveURL(new RegExp(`/en/editor/courses/${COURSE}/lessons/${LESSON}\\?locale=cs$`));
	await expect(main.getByText(en.editor_history_empty!, { exact: true })).toBeVisible();
	await expectAccessible(editor);

	const title = main.getByLabel(en.author_field_title!, { exact: true });
	const changed = `${await title.inputValue()} (upraveno)`;
	await title.fill(changed);
	// Typed text is kept as a draft: a reload brings it back.
	await expect(main.getByText(en.learn_draft_saved!, { exact: true })).toBeVisible();
	await editor.reload();
	await expect(main.getByLabel(en.author_field_title!, { exact: true })).toHaveValue(changed);
	await expect(main.getByRole('button', { name: en.author_draft_discard, exact: true })).toBeVisible();
	await expectAccessible(editor);
	await main.getByRole('button', { name: en.editor_preview_button, exact: true }).click();
	await expect(main.getByRole('heading', { name: en.editor_preview_heading, exact: true })).toBeVisible();
	await expect(main.locator('.preview')).toContainText('(upraveno)');
	// A preview saves nothing.
	await expect(main.getByText(en.editor_history_empty!, { exact: true })).toBeVisible();
	await expect(main.getByLabel(en.author_field_title!, { exact: true })).toHaveValue(changed);
	await expectAccessible(editor);

	await main.getByRole('button', { name: en.editor_save, exact: true }).click();
	await expect(main.getByText(en.editor_saved!, { exact: true })).toBeVisible();
	await expect(editor).toHaveURL(/locale=cs/);
	await expect(main.getByLabel(en.author_field_title!, { exact: true })).toHaveValue(changed);
	await expect(main.locator('.revisions li')).toHaveCount(1);
	await expect(main.getByRole('button', { name: en.author_draft_discard, exact: true })).toHaveCount(0);
	await expect(main.locator('.revisions ins').first()).toContainText('upraveno');
	await expect(main.locator('.revisions li').first()).toContainText('Ada Admin');
	await expectAccessible(editor);

	// Learners (signed in or not) see the new title at once.
	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto(`/cs/learn/${COURSE}/${MODULE}/${LESSON}`);
	await expect(visitor.getByRole('heading', { level: 1 })).toContainText('(upraveno)');
	await expectAccessible(visitor);
});

test('an editor creates a course, publishes it, and an unpublished lesson is gone for visitors', async ({ browser }) => {
	const editor = await adminPage(browser);
	const main = editor.getByRole('main');
	const visitor = await browser.newContext();
	const slug = `e2e-course-${Date.now().toString(36)}`;
	const title = 'Guidance conversations in practice';
	const lessonUrl = `${BASE_URL}/en/learn/${slug}/module-1/lesson-1`;

	await editor.goto('/en/editor/courses');
	await main.getByLabel(en.author_field_slug!, { exact: true }).fill('Not A Slug');
	await main.getByRole('button', { name: en.author_create, exact: true }).click();
	await expect(main.getByText(en.author_error_key!, { exact: true })).toBeVisible();
	await expect(main.getByText(en.error_required!, { exact: true }).first()).toBeVisible();
	await expectAccessible(editor);

	await main.getByLabel(en.author_field_slug!, { exact: true }).fill(slug);
	await main.getByLabel(en.author_field_title!, { exact: true }).fill(title);
	await main.getByLabel(en.author_field_summary!, { exact: true }).fill('How to hold a guidance conversation, step by step.');
	await main.getByLabel(en.author_field_audience!, { exact: true }).fill('Practitioners who hold one-to-one conversations.');
	await main.getByLabel(en.author_field_why!, { exact: true }).fill('Conversations are where guidance happens.');
	await main.getByLabel(en.author_field_outcome!, { exact: true }).fill('Structure a guidance conversation.');
	await main.getByLabel(en.author_field_pathway!, { exact: true }).selectOption('cpd');
	await main.getByRole('button', { name: en.author_create, exact: true }).click();
	await expect(editor).toHaveURL(new RegExp(`/en/editor/courses/${slug}\\?locale=en$`));
	await expect(main.getByRole('heading', { level: 1 })).toContainText(title);
	await expectAccessible(editor);

	// A draft course is not there for visitors.
	expect((await visitor.request.get(lessonUrl)).status()).toBe(404);

	await main.getByLabel(en.author_field_status!, { exact: true }).selectOption('published');
	await main.getByRole('button', { name: en.author_save_settings, exact: true }).click();
	await expect(main.getByText(en.author_saved!, { exact: true })).toBeVisible();
	expect((await visitor.request.get(lessonUrl)).status()).toBe(200);

	// Unpublish the lesson: the course stays, the lesson is gone.
	const lessonItem = main.locator('.lessons li').filter({ hasText: 'lesson-1' });
	// (Chromium may put a space before the visually hidden part of a button's name.)
	await lessonItem.getByRole('button', { name: new RegExp(`^${en.author_unpublish}\\s*: ${escape(title)}$`) }).click();
	await expect(main.locator('.lessons li').filter({ hasText: 'lesson-1' }).getByRole('button', { name: new RegExp(`^${en.author_publish}\\s*: ${escape(title)}$`) })).toBeVisible();
	await expectAccessible(editor);
	expect((await visitor.request.get(lessonUrl)).status()).toBe(404);
	expect((await visitor.request.get(`${BASE_URL}/en/learn/${slug}`)).status()).toBe(200);

	// Back to a draft, so the course does not linger in the catalogue of other journeys.
	await main.getByLabel(en.author_field_status!, { exact: true }).selectOption('draft');
	await main.getByRole('button', { name: en.author_save_settings, exact: true }).click();
	await expect(main.getByText(en.author_saved!, { exact: true })).toBeVisible();
	expect((await visitor.request.get(`${BASE_URL}/en/learn/${slug}`)).status()).toBe(404);
	await visitor.close();
});

test('an editor gives a course a cover with alt text: the catalogue shows it; removed, the default illustration is back', async ({ browser }) => {
	test.slow(); // a new course, five editor pages and the catalogue, each scanned
	const editor = await adminPage(browser);
	const main = editor.getByRole('main');
	const visitor = await browser.newPage();
	const slug = `e2e-cover-${Date.now().toString(36)}`;
	const title = `Pictures of practice ${Date.now().toString(36)}`;
	const alt = 'A blue field under a clear sky, drawn in one colour.';
	const png = { name: 'Blue Field.png', mimeType: 'image/png', buffer: Buffer.from(pngOf(64, 36, [40, 120, 200])) };

	await editor.goto('/en/editor/courses');
	await main.getByLabel(en.author_field_slug!, { exact: true }).fill(slug);
	await main.getByLabel(en.author_field_title!, { exact: true }).fill(title);
	await main.getByLabel(en.author_field_summary!, { exact: true }).fill('Covers in the catalogue, set in the editor.');
	await main.getByLabel(en.author_field_audience!, { exact: true }).fill('Editors.');
	await main.getByLabel(en.author_field_why!, { exact: true }).fill('A picture helps people find a course.');
	await main.getByLabel(en.author_field_outcome!, { exact: true }).fill('Recognise the course by its cover.');
	await main.getByRole('button', { name: en.author_create, exact: true }).click();
	await expect(editor).toHaveURL(new RegExp(`/en/editor/courses/${slug}\\?locale=en$`));
	await main.getByLabel(en.author_field_status!, { exact: true }).selectOption('published');
	await main.getByRole('button', { name: en.author_save_settings, exact: true }).click();
	await expect(main.getByText(en.author_saved!, { exact: true })).toBeVisible();

	const cover = main.getByRole('region', { name: en.author_cover_heading, exact: true });
	await expect(cover.getByText(en.author_cover_none!, { exact: true })).toBeVisible();
	const altStates = cover.getByRole('list', { name: en.author_cover_alt_status, exact: true });
	await expect(altStates.getByRole('listitem').filter({ hasText: 'English' })).toContainText(en.author_cover_alt_missing!);
	const file = cover.getByLabel(en.author_field_cover_file!, { exact: true });
	const altField = cover.getByLabel(en.author_field_cover_alt!.replace('{language}', 'English'), { exact: true });

	// A picture without alt text, then a web page named .png: each refused with its reason next to the field.
	await file.setInputFiles(png);
	await cover.getByRole('button', { name: en.author_cover_save, exact: true }).click();
	await expect(main.getByText(en.author_error_cover_alt_required!, { exact: true })).toBeVisible();
	await expect(altField).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(editor);
	await cover.getByLabel(en.author_field_cover_file!, { exact: true }).setInputFiles({ name: 'page.png', mimeType: 'image/png', buffer: Buffer.from('<html><body>not a picture</body></html>') });
	await cover.getByLabel(en.author_field_cover_alt!.replace('{language}', 'English'), { exact: true }).fill(alt);
	await cover.getByRole('button', { name: en.author_cover_save, exact: true }).click();
	await expect(main.getByText(en.author_error_file_content!.replace('{name}', 'page.png').replace('{type}', 'PNG'), { exact: true })).toBeVisible();
	// What was typed is kept.
	await expect(cover.getByLabel(en.author_field_cover_alt!.replace('{language}', 'English'), { exact: true })).toHaveValue(alt);

	await cover.getByLabel(en.author_field_cover_file!, { exact: true }).setInputFiles(png);
	await cover.getByRole('button', { name: en.author_cover_save, exact: true }).click();
	await expect(main.getByText(en.author_cover_saved!, { exact: true })).toBeVisible();
	await expect(cover.getByRole('img', { name: alt, exact: true })).toBeVisible();
	await expect(altStates.getByRole('listitem').filter({ hasText: 'English' })).toContainText(en.author_cover_alt_has!);
	await expect(altStates.getByRole('listitem').filter({ hasText: 'Polski' })).toContainText(en.author_cover_alt_untranslated!);
	await expect(cover.getByRole('list').last()).toContainText(en.author_cover_revision_set!.replace('{languages}', 'English'));
	await expectAccessible(editor);

	// The catalogue shows the picture, loaded, with its alt text.
	await visitor.goto('/en/learn');
	const card = visitor.getByRole('main').getByRole('listitem').filter({ has: visitor.getByRole('heading', { name: title, exact: true }) });
	const image = card.getByRole('img', { name: alt, exact: true });
	await expect(image).toBeVisible();
	expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
	await expectAccessible(visitor);

	// Removed: the default illustration, and no picture with that alt text.
	await cover.getByRole('button', { name: en.author_cover_remove, exact: true }).click();
	await expect(main.getByText(en.author_cover_removed!, { exact: true })).toBeVisible();
	await expect(main.getByRole('region', { name: en.author_cover_heading, exact: true }).getByRole('list').last()).toContainText(en.author_cover_revision_removed!);
	await expectAccessible(editor);
	await visitor.reload();
	await expect(card.getByTestId('default-cover')).toBeVisible();
	await expect(card.getByRole('img', { name: alt, exact: true })).toHaveCount(0);

	// Back to a draft, so the course does not linger in the catalogue of other journeys.
	await main.getByLabel(en.author_field_status!, { exact: true }).selectOption('draft');
	await main.getByRole('button', { name: en.author_save_settings, exact: true }).click();
	await expect(main.getByText(en.author_saved!, { exact: true })).toBeVisible();
	await visitor.close();
});

test('signed out, the course editor’s pages, export and actions are refused', async ({ request }) => {
	const course = `/en/editor/courses/${COURSE}`;
	const lesson = `${course}/lessons/${LESSON}`;
	const module = `${course}/modules/${MODULE}`;
	for (const page of ['/en/editor/courses', course, `${course}?locale=cs`, module, `${lesson}?locale=cs`, `${course}/export`]) {
		const response = await request.get(page);
		expect(response.status(), page).toBe(403);
		expect(await response.text()).not.toContain('admin@praxis.test');
	}
	const actions = [
		'/en/editor/courses?/create',
		'/en/editor/courses?/import',
		...['settings', 'translation&locale=cs', 'cover', 'removeCover', 'addModule', 'moveModule', 'moduleStatus', 'moveLesson', 'lessonStatus'].map((a) => `${course}?/${a}`),
		...['settings', 'translation&locale=cs', 'addLesson'].map((a) => `${module}?/${a}`),
		...['preview&locale=cs', 'save&locale=cs', 'settings', 'upload', 'deleteFile'].map((a) => `${lesson}?/${a}`)
	];
	for (const action of actions) {
		const response = await request.post(action, {
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL },
			data: 'title=Hacked&body=Hacked&id=1&direction=up&status=draft&name=diagram.png&slug=hacked'
		});
		expect(response.status(), action).toBe(403);
	}
	const upload = await request.post(`${lesson}?/upload`, {
		headers: { origin: BASE_URL },
		multipart: { file: { name: 'x.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) } }
	});
	expect(upload.status()).toBe(403);

	// Nothing changed for learners.
	const page = await request.get(`/cs/learn/${COURSE}/${MODULE}/${LESSON}`);
	expect(page.status()).toBe(200);
	expect(await page.text()).not.toContain('Hacked');
});

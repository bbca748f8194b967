import fs from 'node:fs';
import { parse } from 'yaml';
import { BASE_URL } from '../../playwright.config.ts';
import { courseLessons, quizAnswers } from './course.ts';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { signUpAndSignIn, type Person } from './helpers.ts';

// The loop of issue 10: sign up → assess two areas → see a gap → open the suggested lesson →
// complete its module → confirm the CPD draft entry with a reflection → the year view shows the
// hours → a new assessment from the last answers shows the change.

const en = messages('en');
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL };
type Node = { key: string; kind: string; translations: { en: { title: string } }; children?: Node[] };
const standards = parse(fs.readFileSync('content/frameworks/competence-standards.yaml', 'utf8')) as { nodes: Node[] };
const area = (key: string) => standards.nodes.find((n) => n.key === key)!;
const scale = Object.fromEntries(standards.nodes.find((n) => n.key === 'scale')!.children!.map((o) => [o.key, o.translations.en.title]));
const person: Person = { name: 'Mira Mentor', email: 'mira.competence@praxis.test', password: 'a long competence passphrase', locale: 'en' };

test('assess, see a gap, learn, log the CPD hours and see the change', async ({ page }) => {
	test.setTimeout(240_000);
	await signUpAndSignIn(page, person);

	// The account hub leads to My competence.
	await page.goto('/en/account');
	await page.getByRole('link', { name: en.competence_title, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: en.competence_title })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: en.competence_start_blank }).click();
	await expect(page.getByRole('heading', { level: 2, name: new RegExp(area('area-4').translations.en.title) })).toBeVisible();
	await expectAccessible(page);
	const overview = page.url();

	// Two areas, each its own form: area 4 "not yet" everywhere, area 1 confident.
	async function answerArea(key: string, option: string) {
		await page.goto(overview);
		await page.getByRole('link', { name: new RegExp(`^\\d+\\. ${area(key).translations.en.title}$`) }).click();
		const groups = page.locator('form fieldset.statement');
		// The area's page has loaded before its statements are counted.
		await expect(groups.first()).toBeVisible();
		const count = await groups.count();
		expect(count).toBeGreaterThan(3);
		for (let i = 0; i < count; i++) await groups.nth(i).getByLabel(option, { exact: true }).check();
		await page.getByRole('button', { name: en.competence_area_finish }).click();
		await expect(page.getByText(en.competence_area_saved!.replace('{area}', area(key).translations.en.title))).toBeVisible();
	}
	await answerArea('area-4', scale['scale-1']!);
	await page.goto(`${overview}/area-1`);
	await expectAccessible(page);
	await answerArea('area-1', scale['scale-4']!);

	// Results: a chart with its table, the gap named, and learning for it with my progress.
	await page.getByRole('link', { name: en.competence_see_results }).click();
	await expect(page.getByRole('img', { name: en.competence_chart_heading })).toBeVisible();
	await expect(page.getByRole('table')).toContainText(area('area-4').translations.en.title);
	await expect(page.locator('main')).toContainText(en.competence_summary_gaps!.replace('{areas}.', ''));
	await expectAccessible(page);
	const learning = page.locator('section[aria-labelledby="learning-heading"]');
	const firstModule = courseLessons().filter((l) => l.module === 'key-terminology');
	await expect(learning).toContainText(en.competence_learning_progress!.replace('{done}', '0').replace('{total}', String(firstModule.length)));
	await learning.getByRole('link', { name: new RegExp(firstModule[0]!.texts.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: firstModule[0]!.texts.title })).toBeVisible();
	// Enrol from the course page, then complete the module the way its forms would.
	await page.goto('/en/learn/foundations');
	await page.getByRole('button', { name: en.learn_enrol, exact: true }).click();
	for (const lesson of firstModule) {
		expect((await page.request.get(`/en${lesson.path}`)).status()).toBe(200);
		for (const a of lesson.structure.activities ?? []) {
			const body = new URLSearchParams([['activity', a.key]]);
			if (a.kind === 'quiz') for (const [k, v] of quizAnswers(a, true)) body.append(k, v);
			if (a.kind === 'case') body.append('answer.choice', a.choices[0]!);
			if (a.kind === 'reflection') body.append('body', 'What I take from this lesson into my practice.');
			expect((await page.request.post(`/en${lesson.path}?/${a.kind}`, { headers: FORM, data: body.toString() })).status()).toBe(200);
		}
	}

	// The draft CPD entry arrives after commit (the event dispatcher); I confirm it with a reflection.
	await expect(async () => {
		await page.goto('/en/cpd');
		await expect(page.getByRole('heading', { level: 2, name: en.cpd_drafts_heading })).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 20_000 });
	await expectAccessible(page);
	await page.locator('section.drafts').getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 1, name: en.cpd_confirm_title })).toBeVisible();
	const hours = await page.getByLabel(en.cpd_field_hours!, { exact: true }).inputValue();
	expect(Number(hours)).toBeGreaterThan(0);
	await page.getByLabel(en.cpd_field_reflection!).fill('The shared vocabulary helps me explain my work to teachers.');
	await expectAccessible(page);
	await page.getByRole('button', { name: en.cpd_confirm }).click();
	await expect(page.getByText(en.cpd_saved!)).toBeVisible();
	await expect(page.locator('main')).toContainText(en.cpd_progress!.replace('{hours}', hours).replace('{target}', '25'));
	await expect(page.locator('main')).toContainText(en.cpd_reflected_hours!.replace('{hours}', hours));
	await expect(page.getByText(en.cpd_drafts_heading!)).toHaveCount(0);
	await expectAccessible(page);

	// Evidence on the entry: a certificate as a PNG, through the plain upload form; a renamed text
	// file is refused with a message (4xx, nothing stored); the file downloads as it was sent.
	await page.locator('table').getByRole('link').first().click();
	const certificate = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
	await page.getByLabel(en.cpd_evidence_file!).setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
	const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('?/evidence'));
	await page.getByRole('button', { name: en.cpd_evidence_upload }).click();
	expect((await refused).status()).toBe(400);
	await expect(page.getByText(en.cpd_error_evidence_content!)).toBeVisible();
	await expect(page.getByText(en.cpd_evidence_none!)).toBeVisible();
	await page.getByLabel(en.cpd_evidence_file!).setInputFiles({ name: 'certificate.png', mimeType: 'image/png', buffer: certificate });
	await page.getByRole('button', { name: en.cpd_evidence_upload }).click();
	await expect(page.getByText(en.cpd_evidence_added!)).toBeVisible();
	const link = page.getByRole('link', { name: 'certificate.png' });
	await expect(link).toBeVisible();
	await expectAccessible(page);
	const download = await page.request.get((await link.getAttribute('href'))!);
	expect(download.status()).toBe(200);
	expect(download.headers()['content-type']).toBe('image/png');
	expect(download.headers()['x-content-type-options']).toBe('nosniff');
	expect(Buffer.from(await download.body()).equals(certificate)).toBe(true);

	// Ask for a reminder when the year's end nears and the target is not met.
	await page.goto('/en/cpd');
	await page.getByLabel(en.cpd_reminder_label!).check();
	await page.getByRole('button', { name: en.cpd_reminder_save }).click();
	await expect(page.getByText(en.cpd_reminder_saved!)).toBeVisible();
	await expect(page.getByLabel(en.cpd_reminder_label!)).toBeChecked();
	await expectAccessible(page);

	// A new assessment from my last answers: area 4 starts where I left it; I rate it higher now.
	await page.goto('/en/competence');
	await page.getByRole('button', { name: en.competence_start_last }).click();
	await page.getByRole('link', { name: new RegExp(`^\\d+\\. ${area('area-4').translations.en.title}$`) }).click();
	await expect(page.locator('form fieldset.statement').first().getByLabel(scale['scale-1']!, { exact: true })).toBeChecked();
	const groups = page.locator('form fieldset.statement');
	for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByLabel(scale['scale-3']!, { exact: true }).check();
	await page.getByRole('button', { name: en.competence_area_finish }).click();
	await expect(page.getByText(en.competence_area_saved!.replace('{area}', area('area-4').translations.en.title))).toBeVisible();

	await page.goto('/en/competence/compare');
	await page.getByRole('button', { name: en.competence_compare, exact: true }).click();
	const row = page.getByRole('row', { name: new RegExp(area('area-4').translations.en.title) });
	await expect(row).toContainText('↑');
	await expect(row).toContainText(en.competence_change_up!.replace('{by}', '2'));
	await expectAccessible(page);
});

import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { ed25519 } from '@noble/curves/ed25519.js';
import { BASE_URL } from '../../playwright.config.ts';
import { COURSE, courseLessons, quizAnswers, type CourseLesson } from './course.ts';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { adminPage, latestMail, signUpAndSignIn, type Person } from './helpers.ts';

const en = messages('en');
const lessons = courseLessons();
const firstModule = lessons.filter((l) => l.module === lessons[0]!.module);
const withKind = (list: CourseLesson[], kind: string) => list.find((l) => l.structure.activities?.some((a) => a.kind === kind))!;
const activity = <K extends string>(l: CourseLesson, kind: K) => l.structure.activities!.find((a) => a.kind === kind)!;

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL };

/** Completes a lesson the way its forms would, through the real server (for the long middle of the course). */
async function completeByRequest(page: Page, lesson: CourseLesson): Promise<void> {
	expect((await page.request.get(`/en${lesson.path}`)).status()).toBe(200);
	for (const a of lesson.structure.activities ?? []) {
		const body = new URLSearchParams([['activity', a.key]]);
		if (a.kind === 'quiz') for (const [k, v] of quizAnswers(a, true)) body.append(k, v);
		if (a.kind === 'case') body.append('answer.choice', a.choices[0]!);
		if (a.kind === 'reflection') body.append('body', 'What I take from this lesson into my practice.');
		const response = await page.request.post(`/en${lesson.path}?/${a.kind}`, { headers: FORM, data: body.toString() });
		expect(response.status()).toBe(200);
	}
}

async function answerQuiz(page: Page, lesson: CourseLesson, right: boolean): Promise<void> {
	const quiz = activity(lesson, 'quiz');
	if (quiz.kind !== 'quiz') throw new Error('not a quiz');
	const texts = lesson.texts.activities![quiz.key]!;
	const section = page.locator('main section.activity').filter({ has: page.getByRole('heading', { name: texts.title, exact: true }) });
	for (const q of quiz.questions) {
		const group = section.getByRole('group', { name: texts.questions![q.key]!.prompt });
		// Start from nothing: uncheck what an earlier attempt left.
		for (const o of q.options) {
			const box = group.getByLabel(texts.questions![q.key]!.options[o]!.text, { exact: true });
			if (q.multiple && (await box.isChecked())) await box.uncheck();
		}
		const chosen = right ? q.correct : [q.options.find((o) => !q.correct.includes(o))!];
		for (const o of chosen) await group.getByLabel(texts.questions![q.key]!.options[o]!.text, { exact: true }).check();
	}
	await section.getByRole('button', { name: new RegExp(`^(${en.learn_quiz_submit}|${en.learn_quiz_retry})$`) }).click();
}

const learner: Person = { name: 'Lena Learner', email: 'lena.learner@praxis.test', password: 'a long learner passphrase', locale: 'en' };

test('a newcomer enrols, learns, resumes, completes the course and the certificate verifies signed out', async ({ browser, page }) => {
	test.setTimeout(240_000);
	await signUpAndSignIn(page, learner);

	// Who the course is for, before enrolling.
	await page.goto('/en/learn');
	await expectAccessible(page);
	await page.getByRole('link', { name: COURSE.title, exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name: en.learn_audience_heading })).toBeVisible();
	await expect(page.locator('main')).toContainText(COURSE.audience);
	await expectAccessible(page);
	await page.getByRole('button', { name: en.learn_enrol, exact: true }).click();

	// The first lesson: opening it completes it; its narrated media has captions and a transcript.
	const first = lessons[0]!;
	await expect(page).toHaveURL(new RegExp(`/en${first.path}$`));
	await expect(page.getByRole('heading', { level: 1, name: first.texts.title })).toBeVisible();
	await expect(page.getByText(en.learn_lesson_completed!)).toBeVisible();
	if (first.structure.media) {
		const media = page.locator(`main ${first.structure.media}`);
		await expect(media.locator('track[kind="captions"]')).toHaveAttribute('srclang', 'en');
		const src = await media.locator('source').getAttribute('src');
		const range = await page.request.get(src!, { headers: { range: 'bytes=0-99' } });
		expect(range.status()).toBe(206);
		expect((await range.body()).byteLength).toBe(100);
		await page.getByText(en.learn_transcript!, { exact: true }).click();
	}
	await expectAccessible(page);

	// A quiz failed, then passed.
	const quizLesson = withKind(firstModule, 'quiz');
	await page.goto(`/en${quizLesson.path}`);
	await answerQuiz(page, quizLesson, false);
	await expect(page.getByText(en.learn_quiz_not_passed!)).toBeVisible();
	await expect(page.getByText(en.learn_lesson_not_completed!)).toBeVisible();
	await expectAccessible(page);
	await answerQuiz(page, quizLesson, true);
	await expect(page.getByText(en.learn_quiz_passed!)).toBeVisible();
	await expect(page.getByText(en.learn_lesson_completed!)).toBeVisible();

	// A reflection: the draft survives a reload, the saved text is in the private journal.
	const reflectionLesson = withKind(firstModule, 'reflection');
	const reflection = activity(reflectionLesson, 'reflection');
	await page.goto(`/en${reflectionLesson.path}`);
	const prompt = reflectionLesson.texts.activities![reflection.key]!.prompt!;
	const box = page.getByLabel(prompt, { exact: true });
	await box.fill('The words I use shape what my clients expect from me.');
	await expect(page.getByText(en.learn_draft_saved!, { exact: true })).toBeVisible();
	await page.reload();
	await expect(page.getByLabel(prompt, { exact: true })).toHaveValue('The words I use shape what my clients expect from me.');
	await expect(page.getByText(en.learn_draft_restored!)).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: en.learn_reflection_save, exact: true }).click();
	await expect(page.getByText(en.learn_reflection_saved!)).toBeVisible();
	await page.reload();
	await expect(page.getByLabel(prompt, { exact: true })).toHaveValue('The words I use shape what my clients expect from me.');
	await page.goto('/en/learn/journal');
	await expect(page.locator('main')).toContainText(reflectionLesson.texts.title);
	await expect(page.getByRole('textbox').first()).toHaveValue('The words I use shape what my clients expect from me.');
	await expectAccessible(page);

	// Leave in the middle of a lesson, come back, and resume there.
	const caseLesson = withKind(firstModule, 'case');
	await page.goto(`/en${caseLesson.path}`);
	await page.goto('/en');
	await page.goto(`/en/learn/${COURSE.slug}`);
	await page.getByRole('link', { name: en.learn_resume!.replace('{title}', caseLesson.texts.title) }).click();
	await expect(page).toHaveURL(new RegExp(`/en${caseLesson.path}$`));

	// The rest of the first module through its pages: case choices and reading.
	for (const lesson of firstModule) {
		await page.goto(`/en${lesson.path}`);
		const theCase = lesson.structure.activities?.find((a) => a.kind === 'case');
		if (theCase && theCase.kind === 'case') {
			const texts = lesson.texts.activities![theCase.key]!;
			await page.getByLabel(texts.choices![theCase.choices[0]!]!.text, { exact: true }).check();
			await page.getByRole('button', { name: en.learn_case_submit, exact: true }).click();
			await expect(page.getByRole('heading', { name: en.learn_case_what_happens })).toBeVisible();
			await expectAccessible(page);
		}
	}
	await page.goto(`/en/learn/${COURSE.slug}/${firstModule[0]!.module}`);
	await expect(page.getByText(en.learn_module_completed!)).toBeVisible();
	await expectAccessible(page);
	await page.goto('/en/learn/my');
	// What to do next: the first lesson of the next module.
	await expect(page.getByRole('link', { name: en.learn_next_up!.replace('{title}', lessons[firstModule.length]!.texts.title) })).toBeVisible();
	await expect(page.locator('main')).toContainText(en.learn_progress_count!.replace('{done}', String(firstModule.length)).replace('{total}', String(lessons.length)).split(' (')[0]!);
	await expectAccessible(page);

	// The other modules, then the certificate.
	for (const lesson of lessons.slice(firstModule.length)) await completeByRequest(page, lesson);
	await page.goto('/en/learn/my');
	const certificateLink = page.getByRole('link', { name: /^Certificate / });
	await expect(certificateLink).toBeVisible();
	await certificateLink.click();
	await expect(page.getByText(en.cert_verified!)).toBeVisible();
	await expectAccessible(page);
	const url = page.url();
	const code = (await page.locator('main code').textContent())!;

	// The holder downloads a PDF and an Open Badge; the badge's signature verifies against the
	// published keys with noble's Ed25519, and names the course and its issuer.
	const pdfLink = page.getByRole('link', { name: en.cert_download_pdf, exact: true });
	const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	const badgeHref = (await page.getByRole('link', { name: en.cert_download_badge, exact: true }).getAttribute('href'))!;
	const jwt = await (await page.request.get(badgeHref)).text();
	const [header, payload, signature] = jwt.split('.') as [string, string, string];
	const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
	const jwks = (await (await page.request.get('/api/badges/jwks.json')).json()) as { keys: { kid: string; x: string }[] };
	const key = jwks.keys.find((k) => k.kid === decode(header).kid)!;
	expect(ed25519.verify(Buffer.from(signature, 'base64url'), Buffer.from(`${header}.${payload}`), Buffer.from(key.x, 'base64url'))).toBe(true);
	const credential = decode(payload);
	expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
	expect(credential.credentialSubject.achievement.name).toBe(COURSE.title);
	expect(credential.iss).toBe(`${BASE_URL}/api/badges/issuer`);
	expect((await (await page.request.get(credential.iss)).json()).name).toBe('Praxis');

	// A lesson that draws diagrams: each a named picture with the diagram in words, accessible in light and dark.
	const drawn = lessons.find((l) => l.key === 'ethical-dilemmas-in-context')!;
	await page.goto(`/en${drawn.path}`);
	await expect(page.getByRole('img', { name: en.diagram_practice_title, exact: true })).toBeVisible();
	const model = page.getByRole('img', { name: en.diagram_reflection_title, exact: true });
	await expect(model).toHaveAccessibleDescription(en.diagram_reflection_desc!);
	await page.locator('#diagram-reflection-model details summary').click();
	await expect(page.locator('#diagram-reflection-model ol li')).toHaveCount(8);
	await expectAccessible(page);
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectAccessible(page);
	await page.emulateMedia({ colorScheme: 'light' });

	const stranger = await (await browser.newContext()).newPage();
	await stranger.goto(url);
	await expect(stranger.getByText(en.cert_verified!)).toBeVisible();
	// A stranger may check the certificate (and have its PDF) but gets no badge: it is the holder's.
	await expect(stranger.getByRole('link', { name: en.cert_download_badge })).toHaveCount(0);
	expect((await stranger.request.get(badgeHref)).status()).toBe(403);
	expect((await stranger.request.get(`${url}/certificate.pdf`)).status()).toBe(200);
	await expect(stranger.locator('main')).toContainText(learner.name);
	await expect(stranger.locator('main')).toContainText(COURSE.title);
	await stranger.goto('/en/certificates');
	await expectAccessible(stranger);
	await stranger.getByLabel(en.cert_code!, { exact: true }).fill(code.toLowerCase().replaceAll('-', ' '));
	await stranger.getByRole('button', { name: en.cert_verify_button, exact: true }).click();
	await expect(stranger).toHaveURL(url.replace(BASE_URL, ''));
	await stranger.goto('/en/certificates/XXXX-XXXX-XXXX');
	await expect(stranger.getByRole('heading', { level: 1 })).toBeVisible();
	expect((await stranger.request.get('/en/certificates/XXXX-XXXX-XXXX')).status()).toBe(404);

	// The learner's own records: xAPI statements, without their email address.
	const records = await page.request.get('/en/learn/records');
	expect(records.status()).toBe(200);
	const statements = (await records.json()) as { verb: { id: string } }[];
	expect(statements.some((s) => s.verb.id.endsWith('/completed'))).toBe(true);
	expect(JSON.stringify(statements)).not.toContain(learner.email);
});

test('a facilitator sees a member’s progress and quiz results, but a reflection only when it is shared', async ({ browser, page }) => {
	test.setTimeout(120_000);
	const admin = await adminPage(browser);
	const facilitator: Person = { name: 'Frida Facilitator', email: 'frida.facilitator@praxis.test', password: 'a long facilitator phrase', locale: 'en' };
	const member: Person = { name: 'Milan Member', email: 'milan.member@praxis.test', password: 'a long member passphrase', locale: 'en' };
	await signUpAndSignIn(page, facilitator);
	// Creating cohorts takes the facilitator role, which an admin gives.
	await page.goto('/en/learn/cohorts');
	await expect(page.getByText(en.cohort_create_needs_role!)).toBeVisible();
	const refused = await page.request.post('/en/learn/cohorts?/create', { headers: FORM, data: `course=${COURSE.slug}&name=Mine` });
	expect(refused.status()).toBe(404);
	await admin.goto(`/en/admin/users?q=${encodeURIComponent('frida')}`);
	await admin.getByLabel(en.admin_users_role_of!.replace('{name}', facilitator.name)).selectOption('facilitator');
	await admin.getByRole('button', { name: `${en.admin_users_save_role}: ${facilitator.name}` }).click();
	await expect(admin.getByText(en.admin_users_updated!)).toBeVisible();
	await page.reload();
	await expectAccessible(page);
	await page.getByLabel(en.cohort_course!, { exact: true }).selectOption(COURSE.slug);
	await page.getByLabel(en.cohort_name!, { exact: true }).fill('Autumn 2026');
	await page.getByRole('button', { name: en.cohort_create, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Autumn 2026' })).toBeVisible();
	await expectAccessible(page);
	const cohortUrl = page.url();
	const code = (await page.locator('main code').first().textContent())!;

	// A due date for the first module, in two days (members see it; the reminder is a unit test's).
	const dueOn = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
	await page.locator('#due-heading ~ form input[type="date"]').first().fill(dueOn);
	await page.getByRole('button', { name: en.cohort_due_save, exact: true }).click();
	await expect(page.getByText(en.cohort_due_saved!)).toBeVisible();
	await expect(page.locator('#due-heading ~ form input[type="date"]').first()).toHaveValue(dueOn);

	const memberPage = await (await browser.newContext()).newPage();
	await signUpAndSignIn(memberPage, member);
	await memberPage.goto(`/en/learn/cohorts?code=${encodeURIComponent(code)}`);
	await memberPage.getByRole('button', { name: en.cohort_join, exact: true }).click();
	await expect(memberPage.getByText(en.cohort_joined!)).toBeVisible();
	await expectAccessible(memberPage);
	await memberPage.goto(`/en/learn/${COURSE.slug}`);
	const dueText = en.learn_module_due!.replace('{date}', new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(dueOn))).replace('{cohort}', 'Autumn 2026');
	await expect(memberPage.getByText(dueText)).toBeVisible();
	await expectAccessible(memberPage);

	// The member answers a quiz and writes a private reflection.
	const quizLesson = withKind(firstModule, 'quiz');
	await memberPage.goto(`/en${quizLesson.path}`);
	await answerQuiz(memberPage, quizLesson, false);
	await expect(memberPage.getByText(en.learn_quiz_not_passed!)).toBeVisible();
	const reflectionLesson = withKind(firstModule, 'reflection');
	const prompt = reflectionLesson.texts.activities![activity(reflectionLesson, 'reflection').key]!.prompt!;
	await memberPage.goto(`/en${reflectionLesson.path}`);
	await memberPage.getByLabel(prompt, { exact: true }).fill('Something only I should read.');
	await memberPage.getByRole('button', { name: en.learn_reflection_save, exact: true }).click();
	await expect(memberPage.getByText(en.learn_reflection_saved!)).toBeVisible();

	await page.goto(cohortUrl);
	const row = page.getByRole('row', { name: new RegExp(member.name) });
	await expect(row).toContainText(quizLesson.texts.title);
	await expect(row).toContainText(en.cohort_quiz_not_passed!);
	await expect(page.locator('main')).not.toContainText('Something only I should read.');
	await expect(page.getByText(en.cohort_shared_none!)).toBeVisible();
	await expectAccessible(page);

	// The same table as a CSV for a spreadsheet: a header in the reader's language, the member's
	// row with numbers and ISO dates, and not a word of the private reflection.
	const csvHref = (await page.getByRole('link', { name: en.cohort_csv_download, exact: true }).getAttribute('href'))!;
	const csvResponse = await page.request.get(csvHref);
	expect(csvResponse.headers()['content-type']).toContain('text/csv');
	const csv = (await csvResponse.text()).replace(/^\uFEFF/, '');
	const [header, ...csvRows] = csv.trim().split(/\r?\n/);
	expect(header).toBe([en.cohort_col_member, en.cohort_col_joined, en.cohort_col_lessons, en.cohort_col_modules, en.cohort_csv_quizzes_passed, en.cohort_col_quizzes, en.cohort_col_completed].join(','));
	const memberRow = csvRows.find((line) => line.startsWith(member.name))!;
	expect(memberRow).toMatch(new RegExp(`^${member.name},\\d{4}-\\d{2}-\\d{2},\\d+,\\d+,0,`));
	expect(memberRow).toContain(quizLesson.texts.title);
	expect(csv).not.toContain('Something only I should read.');

	// An announcement in the cohort's space reaches the member as a notice and a mail.
	const cohortId = cohortUrl.split('/').pop()!;
	const since = Date.now();
	await page.goto(`/en/community/cohort-${cohortId}/new`);
	await page.getByLabel(en.community_field_title!, { exact: true }).fill('Session two moves to Thursday');
	await page.getByLabel(en.community_field_body!, { exact: true }).fill('Same room, same time.');
	await page.getByLabel(en.community_field_announce!, { exact: true }).check();
	await expectAccessible(page);
	await page.getByRole('button', { name: en.community_post_thread, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Session two moves to Thursday' })).toBeVisible();
	const announcement = await latestMail(member.email, since);
	expect(announcement.subject).toContain('Session two moves to Thursday');
	expect(announcement.link).toBe(`${BASE_URL}${new URL(page.url()).pathname}`);
	await memberPage.goto('/en/notifications');
	await expect(memberPage.locator('main')).toContainText(en.community_notification_announcement!.replace('{name}', facilitator.name));
	await expect(memberPage.getByRole('link', { name: 'Session two moves to Thursday' })).toBeVisible();
	// The member is not offered the tick, and a forged one is refused with a message.
	await memberPage.goto(`/en/community/cohort-${cohortId}/new`);
	await expect(memberPage.getByLabel(en.community_field_announce!)).toHaveCount(0);
	const forged = await memberPage.request.post(`/en/community/cohort-${cohortId}/new`, { headers: { ...FORM, accept: 'text/html' }, data: 'title=Mine&body=Hello&language=en&announce=yes' });
	expect(forged.status()).toBe(403);
	expect(await forged.text()).toContain(en.community_error_announce!);

	// Nobody else may look at the cohort, its CSV, the member's journal or their answers.
	expect((await memberPage.request.get(cohortUrl)).status()).toBe(404);
	expect((await memberPage.request.get(csvHref)).status()).toBe(404);
	const journalOfFacilitator = await page.request.get('/en/learn/journal');
	expect(await journalOfFacilitator.text()).not.toContain('Something only I should read.');
	await memberPage.goto('/en/learn/journal');
	const entryId = await memberPage.locator('main input[name="id"]').first().inputValue();
	const hijack = await page.request.post('/en/learn/journal?/edit', { headers: FORM, data: `id=${entryId}&body=Overwritten` });
	expect(hijack.status()).toBe(404);
	const share = await page.request.post('/en/learn/journal?/share', { headers: FORM, data: `id=${entryId}&shared=yes` });
	expect(share.status()).toBe(404);

	// Shared by the member: now the facilitator reads it.
	await memberPage.getByRole('button', { name: en.learn_journal_share, exact: true }).click();
	await expect(memberPage.getByText(en.learn_journal_shared!)).toBeVisible();
	await expectAccessible(memberPage);
	await page.goto(cohortUrl);
	await expect(page.locator('main')).toContainText('Something only I should read.');
});

test('learning pages and actions that belong to someone are closed to visitors who are not signed in', async ({ request }) => {
	const lesson = lessons[0]!;
	for (const path of ['/en/learn/my', '/en/learn/journal', '/en/learn/journal/export', '/en/learn/records', '/en/learn/cohorts', '/en/admin/learning-records']) {
		expect((await request.get(path)).status(), path).toBe(403);
	}
	for (const [path, data] of [
		[`/en${lesson.path}?/quiz`, 'activity=check'],
		[`/en${lesson.path}?/reflection`, 'activity=reflect&body=x'],
		[`/en${lesson.path}/draft`, 'activity=reflect&body=x'],
		[`/en/learn/${COURSE.slug}?/enrol`, ''],
		['/en/learn/journal?/edit', 'id=00000000-0000-0000-0000-000000000000&body=x'],
		['/en/learn/cohorts?/create', 'course=foundations&name=X']
	] as const) {
		expect((await request.post(path, { headers: FORM, data })).status(), path).toBe(403);
	}
	// Reading a lesson is open to everyone.
	expect((await request.get(`/en${lesson.path}`)).status()).toBe(200);
});

test('the course outline on a lesson page opens by keyboard, marks the lesson being read and the lessons done, and leads to another lesson', async ({ page }) => {
	const reader: Person = { name: 'Olav Outline', email: 'olav.outline@praxis.test', password: 'an outline reader passphrase', locale: 'en' };
	await signUpAndSignIn(page, reader);
	// Each course in the catalogue and on its page has its cover illustration, described in words.
	const coverAlt = (parse(fs.readFileSync(`content/courses/${COURSE.slug}/course.yaml`, 'utf8')) as { translations: { en: { coverAlt: string } } }).translations.en.coverAlt;
	await page.goto('/en/learn');
	const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: COURSE.title, exact: true }) });
	await expect(card.getByRole('img', { name: coverAlt, exact: true })).toBeVisible();
	expect(await card.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
	await expectAccessible(page);
	await page.goto(`/en/learn/${COURSE.slug}`);
	await expect(page.getByRole('main').getByRole('img', { name: coverAlt, exact: true })).toBeVisible();
	// Enrolling opens the first lesson, which opening completes.
	await page.getByRole('button', { name: en.learn_enrol, exact: true }).click();
	const [first, second] = [lessons[0]!, lessons[1]!];
	await expect(page).toHaveURL(new RegExp(`/en${first.path}$`));
	await page.goto(`/en${second.path}`);

	const toggle = page.locator('summary', { hasText: en.learn_outline_open! });
	const outline = page.getByRole('navigation', { name: en.learn_outline_label!.replace('{title}', COURSE.title) });
	await expect(outline).toBeHidden();
	// The outline's button comes right after the breadcrumb in the tab order; Enter opens it.
	await page.getByRole('navigation', { name: en.learn_breadcrumb }).getByRole('link').last().focus();
	await page.keyboard.press('Tab');
	await expect(toggle).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(outline).toBeVisible();
	// Every module of the course is listed, the lesson being read is the current page, the first is done.
	const modules = new Set(lessons.map((l) => l.module));
	await expect(outline.locator(':scope > ol > li')).toHaveCount(modules.size);
	await expect(outline.getByRole('link')).toHaveCount(modules.size + lessons.length);
	await expect(outline.locator('[aria-current="page"]')).toHaveText(second.texts.title);
	const lessonItem = (title: string) => outline.locator('ol ol > li').filter({ has: page.getByRole('link', { name: title, exact: true }) });
	await expect(lessonItem(first.texts.title)).toContainText(en.learn_lesson_done!);
	await expect(lessonItem(second.texts.title)).not.toContainText(en.learn_lesson_done!);
	await expectAccessible(page);

	// Escape closes it and gives focus back to its button.
	await page.keyboard.press('Escape');
	await expect(outline).toBeHidden();
	await expect(toggle).toBeFocused();

	// Opened again, Tab walks through its links; Enter follows one into a later module.
	await page.keyboard.press('Enter');
	const target = lessons.find((l) => l.module !== second.module)!;
	const link = outline.getByRole('link', { name: target.texts.title, exact: true });
	for (let i = 0; i < 80 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
	await expect(link).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/en${target.path}$`));
	await expect(page.getByRole('heading', { level: 1, name: target.texts.title })).toBeVisible();
	await toggle.click();
	await expect(outline.locator('[aria-current="page"]')).toHaveText(target.texts.title);
});

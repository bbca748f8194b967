import type { Page } from '@playwright/test';
import { BASE_URL } from '../../playwright.config.ts';
import { expect, expectAccessible, expectAccessibleWithoutScript, messages, test } from './fixtures.ts';
import { adminPage, signUpAndSignIn, type Person } from './helpers.ts';

// The practice inventory, one story in order: a member of an organisation describes a practice
// with the form generated from the mapping template (kept as they type), submits it; an editor
// asks for a change; the member fixes it and submits again; the editor publishes it. A visitor
// filters the inventory, compares three practices and downloads the CSV. The member translates
// two parts of the practice into Czech; a Czech reader gets those and the rest marked as English.
test.describe.configure({ mode: 'serial' });
test.describe.configure({ timeout: 240_000 });

const en = messages('en');
const fill = (text: string, values: Record<string, string | number>) => Object.entries(values).reduce((t, [k, v]) => t.replace(`{${k}}`, String(v)), text);
const MEMBER: Person = { name: 'Petra Practice', email: 'petra.practices@praxis.test', password: 'a practice inventory 2026', locale: 'en' };
const ORGANISATION = 'Evening Careers Service';
const TITLE = 'Evening career chat';

let admin: Page;
let member: Page;
let practiceUrl = '';

test('a member drafts a practice from the generated form and submits it', async ({ browser }) => {
	admin = await adminPage(browser);
	member = await (await browser.newContext()).newPage();
	await signUpAndSignIn(member, MEMBER);
	await member.goto('/en/organisations');
	await member.getByLabel(en.org_field_name!, { exact: true }).fill(ORGANISATION);
	await member.getByLabel(en.field_sector!, { exact: true }).selectOption('adult_centre');
	await member.getByLabel(en.field_country!, { exact: true }).selectOption('NO');
	await member.getByRole('button', { name: en.org_create_submit, exact: true }).click();
	await expect(member.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();

	await member.goto('/en');
	await member.getByRole('link', { name: en.practices_home_card_title }).click();
	await member.getByRole('link', { name: en.practices_new_title, exact: true }).click();
	await expect(member.getByRole('heading', { level: 1, name: en.practices_new_title })).toBeVisible();
	await expectAccessible(member);
	await member.getByLabel(en.practices_field_title!, { exact: true }).fill(TITLE);
	await member.getByLabel(en.practices_field_owner!, { exact: true }).selectOption({ label: ORGANISATION });
	await member.getByLabel(en.practices_field_country!, { exact: true }).selectOption('NO');
	await member.getByRole('button', { name: en.practices_new_submit, exact: true }).click();
	await expect(member.getByRole('heading', { level: 1, name: fill(en.practices_edit_title!, { title: TITLE }) })).toBeVisible();

	// The form is the template: its sections and option lists, with their help texts.
	await expect(member.getByRole('heading', { level: 2, name: 'Target audiences' })).toBeVisible();
	const audience = member.getByRole('group', { name: fill(en.practices_form_choose!, { title: 'Target audiences' }) });
	await expect(audience.getByRole('checkbox')).toHaveCount(11);
	await expectAccessible(member);

	// An unknown option value (a forged form) is refused with a message and saves nothing.
	const forged = await member.request.post(`${member.url().split('?')[0]}?/save`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, accept: 'text/html' },
		data: new URLSearchParams({ title: TITLE, country: 'NO', sector: 'pes', licence: 'CC-BY-4.0', 'options:target-audience': 'audience-martians' }).toString()
	});
	expect(forged.status()).toBe(400);
	expect(await forged.text()).toContain(en.practices_error_option);

	// Typed and kept as a draft without pressing Save.
	await member.getByLabel(en.practices_field_summary!, { exact: true }).fill('Career advice by chat after work.');
	await member.getByLabel(fill(en.practices_form_text!, { title: 'Overview of ICT and LMI use' }), { exact: true }).fill('Advisers answer questions by chat on weekday evenings.');
	await audience.getByRole('checkbox', { name: 'Employed adults', exact: true }).check();
	await expect(member.getByText(en.practices_draft_saved!)).toBeVisible();
	await member.reload();
	await expect(member.getByLabel(fill(en.practices_form_text!, { title: 'Overview of ICT and LMI use' }), { exact: true })).toHaveValue('Advisers answer questions by chat on weekday evenings.');
	await member
		.getByRole('group', { name: fill(en.practices_form_choose!, { title: 'Why it was developed' }) })
		.getByRole('checkbox', { name: 'Access to lifelong guidance services', exact: true })
		.check();
	await member.getByRole('button', { name: en.practices_save, exact: true }).click();
	await expect(member.getByText(en.practices_saved!)).toBeVisible();
	await member.getByRole('link', { name: en.practices_back_to_record }).click();
	practiceUrl = new URL(member.url()).pathname;
	// A draft's translation is kept as it is typed, too (here the Norwegian title).
	await member.goto(`${practiceUrl}/translate?to=nb`);
	const norwegianTitle = member.getByLabel(fill(en.practices_translate_field_label!, { field: en.practices_field_title!, language: en.practices_language_nb! }), { exact: true });
	await norwegianTitle.fill('Kveldsprat om karriere');
	await expect(member.getByText(en.practices_draft_saved!)).toBeVisible();
	await member.reload();
	await expect(norwegianTitle).toHaveValue('Kveldsprat om karriere');
	await member.goto(practiceUrl);
	await member.getByRole('button', { name: en.practices_submit, exact: true }).click();
	await expect(member.getByText(en.practices_done_submitted!)).toBeVisible();
	await expectAccessible(member);
	// Until it is published, a visitor finds nothing there.
	expect((await (await browser.newContext()).request.get(`${BASE_URL}${practiceUrl}`)).status()).toBe(404);
});

test('an editor asks for a change, the member fixes it, the editor publishes', async ({ browser }) => {
	await admin.goto('/en/practices/review');
	await expect(admin.getByRole('heading', { level: 1, name: en.practices_review_title })).toBeVisible();
	await expectAccessible(admin);
	await admin.getByRole('link', { name: TITLE }).click();
	await admin.getByRole('button', { name: en.practices_review_changes, exact: true }).click();
	await expect(admin.getByText(en.practices_error_comment!).first()).toBeVisible();
	await admin.getByLabel(en.practices_review_comment!, { exact: true }).fill('Please add the older adults you also reach.');
	await admin.getByRole('button', { name: en.practices_review_changes, exact: true }).click();
	await expect(admin.getByText(en.practices_done_returned!)).toBeVisible();

	await member.goto('/en/practices/mine');
	await expect(member.getByText(en.practices_changes_requested!)).toBeVisible();
	await member.getByRole('link', { name: TITLE }).click();
	await expect(member.getByText('Please add the older adults you also reach.')).toBeVisible();
	// The fix is made without JavaScript: the generated form is a plain form.
	const plain = await (await browser.newContext({ javaScriptEnabled: false, storageState: await member.context().storageState() })).newPage();
	await plain.goto(member.url());
	await plain.getByRole('link', { name: en.practices_edit }).click();
	await plain.getByRole('group', { name: fill(en.practices_form_choose!, { title: 'Target audiences' }) }).getByRole('checkbox', { name: 'Older adults', exact: true }).check();
	await plain.getByRole('button', { name: en.practices_save, exact: true }).click();
	await expect(plain.getByText(en.practices_saved!)).toBeVisible();
	await expect(plain.getByRole('group', { name: fill(en.practices_form_choose!, { title: 'Target audiences' }) }).getByRole('checkbox', { name: 'Employed adults', exact: true })).toBeChecked();
	await expectAccessibleWithoutScript(plain);
	await plain.context().close();
	await member.goto(`/en${practiceUrl.replace(/^\/en/, '')}`);
	await member.getByRole('button', { name: en.practices_submit, exact: true }).click();
	await expect(member.getByText(en.practices_done_submitted!)).toBeVisible();

	await admin.goto(practiceUrl);
	await admin.getByRole('button', { name: en.practices_review_publish, exact: true }).click();
	await expect(admin.getByText(en.practices_done_published!)).toBeVisible();

	// An editor imports CSV: a file with a bad row is refused row by row and nothing is imported.
	await admin.goto('/en/practices');
	await admin.getByRole('link', { name: en.practices_import_title, exact: true }).click();
	await expect(admin.getByRole('heading', { level: 1, name: en.practices_import_title })).toBeVisible();
	await expectAccessible(admin);
	const csv = 'title,country,sector,licence,target-audience:options\nImported by an editor,CZ,pes,CC-BY-4.0,audience-employed-adults\nSecond import,XX,pes,CC-BY-4.0,audience-martians\n';
	await admin.getByLabel(en.practices_import_file!, { exact: true }).setInputFiles({ name: 'practices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await admin.getByRole('button', { name: en.practices_import_submit, exact: true }).click();
	const problems = admin.getByRole('table', { name: en.practices_import_errors_caption });
	await expect(problems.getByRole('row')).toHaveCount(3);
	await expect(problems.getByRole('row', { name: new RegExp(`3 country ${en.error_choose}`) })).toBeVisible();
	await expect(problems.getByText(en.practices_error_option!)).toBeVisible();
	await expectAccessible(admin);
	await admin.getByLabel(en.practices_import_file!, { exact: true }).setInputFiles({ name: 'practices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.split('\n').slice(0, 2).join('\n')) });
	await admin.getByRole('button', { name: en.practices_import_submit, exact: true }).click();
	await expect(admin.getByText(en.practices_import_done!.replace('{created}', '1').replace('{updated}', '0'))).toBeVisible();

	// Now public, with the options chosen.
	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto(practiceUrl);
	await expect(visitor.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(visitor.getByText('Older adults', { exact: true })).toBeVisible();
	await expectAccessible(visitor);
	await visitor.context().close();
});

test('a member translates two parts of the practice into Czech; the Czech page shows them and marks the rest', async ({ browser }) => {
	const cs = messages('cs');
	const CZECH_TITLE = 'Večerní kariérní chat';
	const CZECH_OVERVIEW = 'Poradci odpovídají na dotazy v chatu ve všední večery.';
	// Without JavaScript: the translation page is a plain form.
	const plain = await (await browser.newContext({ javaScriptEnabled: false, storageState: await member.context().storageState() })).newPage();
	await plain.goto(practiceUrl);
	await plain.getByRole('link', { name: en.practices_translate, exact: true }).click();
	await expect(plain.getByRole('heading', { level: 1, name: fill(en.practices_translate_title!, { title: TITLE }) })).toBeVisible();
	await expect(plain.getByText(en.practices_translate_choose!)).toBeVisible();
	await expectAccessibleWithoutScript(plain);
	await plain.getByRole('navigation', { name: en.practices_translate_languages }).getByRole('link', { name: en.practices_language_cs, exact: true }).click();
	// The source beside each part, nothing translated yet: every part is marked.
	await expect(plain.getByText('Advisers answer questions by chat on weekday evenings.')).toBeVisible();
	await expect(plain.getByText(en.practices_translate_missing!)).toHaveCount(3);
	await expectAccessibleWithoutScript(plain);

	// A field the template does not have is refused with a message and saves nothing.
	const forged = await plain.request.post(`${new URL(plain.url()).pathname}?to=cs&/save`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, accept: 'text/html' },
		data: new URLSearchParams({ locale: 'cs', title: CZECH_TITLE, 'text:no-such-field': 'Ahoj' }).toString()
	});
	expect(forged.status()).toBe(400);
	expect(await forged.text()).toContain(en.practices_error_field);

	const label = (field: string) => fill(en.practices_translate_field_label!, { field, language: en.practices_language_cs! });
	await plain.getByLabel(label(en.practices_field_title!), { exact: true }).fill(CZECH_TITLE);
	await plain.getByLabel(label('Overview of ICT and LMI use'), { exact: true }).fill(CZECH_OVERVIEW);
	await plain.getByRole('button', { name: en.practices_translate_save, exact: true }).click();
	await expect(plain.getByText(en.practices_translate_saved!)).toBeVisible();
	await expect(plain.getByLabel(label('Overview of ICT and LMI use'), { exact: true })).toHaveValue(CZECH_OVERVIEW);
	await expect(plain.getByText(fill(en.practices_translate_progress!, { done: 2, total: 3 }))).toBeVisible();
	await expect(plain.getByText(en.practices_translate_missing!)).toHaveCount(1);
	await expectAccessibleWithoutScript(plain);
	await plain.context().close();

	// A visitor reading Czech: the two parts in Czech, the summary in English, marked and in its language.
	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto(`/cs${practiceUrl.replace(/^\/en/, '')}`);
	await expect(visitor.getByRole('heading', { level: 1, name: CZECH_TITLE })).toBeVisible();
	await expect(visitor.getByText(CZECH_OVERVIEW)).toHaveAttribute('lang', 'cs');
	await expect(visitor.getByText('Career advice by chat after work.')).toHaveAttribute('lang', 'en');
	await expect(visitor.getByText(fill(cs.practices_not_translated!, { language: cs.practices_language_en! }))).toHaveCount(1);
	await expect(visitor.getByText('Advisers answer questions by chat on weekday evenings.')).toHaveCount(0);
	await expect(visitor.getByText(fill(cs.practices_translation_partial!, { language: cs.practices_language_cs!, done: 2, total: 3 }))).toBeVisible();
	await expectAccessible(visitor);
	// In Polish nothing is translated: every part is shown in English and marked.
	await visitor.goto(`/pl${practiceUrl.replace(/^\/en/, '')}`);
	await expect(visitor.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(visitor.getByText(fill(messages('pl').practices_not_translated!, { language: messages('pl').practices_language_en! }))).toHaveCount(3);
	await visitor.context().close();

	// The member rewrites the overview: its Czech translation is now of an earlier text, and the
	// Czech page and the translation form say so until the translation is saved again.
	await member.goto(practiceUrl);
	await member.getByRole('link', { name: en.practices_edit }).click();
	await member.getByLabel(fill(en.practices_form_text!, { title: 'Overview of ICT and LMI use' }), { exact: true }).fill('Advisers answer questions by chat and video on weekday evenings.');
	await member.getByRole('button', { name: en.practices_save, exact: true }).click();
	await expect(member.getByText(en.practices_saved!)).toBeVisible();
	await member.goto(`/cs${practiceUrl.replace(/^\/en/, '')}`);
	await expect(member.getByRole('note').filter({ hasText: fill(cs.practices_translation_outdated!, { language: cs.practices_language_en!, parts: 'Přehled využití ICT a informací o trhu práce' }) })).toBeVisible();
	await expect(member.getByText(CZECH_OVERVIEW, { exact: true })).toHaveAttribute('lang', 'cs');
	await expectAccessible(member);
	await member.goto(`${practiceUrl}/translate?to=cs`);
	await expect(member.getByText(en.practices_translate_part_outdated!)).toHaveCount(1);
	await expect(member.getByText(fill(en.practices_translation_outdated_count!, { count: 1 }))).toBeVisible();
	await expectAccessible(member);
	await member.getByRole('button', { name: en.practices_translate_save, exact: true }).click();
	await expect(member.getByText(en.practices_translate_saved!)).toBeVisible();
	await expect(member.getByText(en.practices_translate_part_outdated!)).toHaveCount(0);
});

test('a visitor filters, compares three practices and downloads the CSV', async ({ page }) => {
	await page.goto('/en/practices');
	await expect(page.getByRole('heading', { level: 1, name: en.practices_title })).toBeVisible();
	await expectAccessible(page);
	const filters = page.getByRole('form', { name: en.practices_filters });
	// Counts next to every value; Norway has the four examples and the new practice.
	await filters.getByRole('checkbox', { name: `${en.country_NO} (5)` }).check();
	await page.getByRole('button', { name: en.practices_apply, exact: true }).click();
	await expect(page).toHaveURL(/country=NO/);
	await expect(page.getByText(fill(en.practices_found!, { count: 5 }))).toBeVisible();
	await expect(page.getByRole('link', { name: TITLE })).toBeVisible();
	await expect(page.getByText(en.practices_example_badge!).first()).toBeVisible();
	await expectAccessible(page);

	// The shareable address gives the same page.
	const shared = page.url();
	await page.goto(shared);
	await expect(page.getByText(fill(en.practices_found!, { count: 5 }))).toBeVisible();

	// The statistics of the same selection, filterable the same way, at a shareable address.
	await page.getByRole('link', { name: en.practices_statistics_for_these, exact: true }).click();
	await expect(page).toHaveURL(/\/practices\/statistics\?country=NO/);
	await expect(page.getByText(fill(en.practices_statistics_counted_filtered!, { count: 5 }))).toBeVisible();
	await expect(page.getByRole('table', { name: en.practices_statistics_table }).getByRole('columnheader')).toHaveCount(2);
	await expect(page.getByRole('table', { name: en.practices_statistics_chart_audiences })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('form', { name: en.practices_statistics_filters }).getByRole('checkbox', { name: /^Employed adults/ }).check();
	await page.getByRole('button', { name: en.practices_statistics_apply, exact: true }).click();
	await expect(page).toHaveURL(/audience=audience-employed-adults/);
	await page.getByRole('link', { name: en.practices_statistics_show_practices, exact: true }).click();
	await expect(page).toHaveURL(/\/en\/practices\?audience=audience-employed-adults&country=NO$/);
	await page.goto(shared);

	const picks = page.getByRole('checkbox', { name: /^Compare / });
	for (let i = 0; i < 3; i++) await picks.nth(i).check();
	await page.getByRole('button', { name: en.practices_compare_submit, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: en.practices_compare_title })).toBeVisible();
	const table = page.getByRole('table', { name: en.practices_compare_title });
	await expect(table.getByRole('columnheader')).toHaveCount(4);
	await expect(table.getByText(en.practices_compare_differs!).first()).toBeVisible();
	await expectAccessible(page);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByText(en.practices_compare_print!)).toBeHidden();
	await page.emulateMedia({ media: 'screen' });

	const csv = await page.request.get('/api/practices.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text.split('\n')[0]).toContain('licence');
	expect(text).toContain(TITLE);
	const json = await page.request.get('/api/practices.json');
	expect(json.headers()['content-type']).toContain('application/json');
	const exported = (await json.json()) as { licence: { licences: { id: string }[] }; data: { title: string; licence: string }[] };
	expect(exported.licence.licences.map((l) => l.id)).toContain('CC-BY-4.0');
	expect(exported.data.find((p) => p.title === TITLE)?.licence).toBe('CC-BY-4.0');

	const api = await page.request.get('/api/practices?country=NO');
	expect(api.headers()['access-control-allow-origin']).toBe('*');
	const etag = api.headers()['etag']!;
	expect((await page.request.get('/api/practices?country=NO', { headers: { 'if-none-match': etag } })).status()).toBe(304);
	await page.goto('/en/api');
	await expect(page.getByRole('heading', { level: 1, name: en.practices_api_title })).toBeVisible();
	await expectAccessible(page);
});

test('the member’s organisation benchmarks itself against good policy, sets a target, tracks it and publishes it', async ({ browser }) => {
	// From the practice area to the organisation's benchmark.
	await member.goto('/en/practices');
	await member.getByRole('link', { name: en.practices_benchmark_title, exact: true }).click();
	await expect(member.getByRole('heading', { level: 1, name: en.practices_benchmark_title })).toBeVisible();
	await expectAccessible(member);
	await member.getByRole('link', { name: ORGANISATION }).click();
	await expect(member.getByRole('heading', { level: 1, name: fill(en.practices_benchmark_page_title!, { name: ORGANISATION }) })).toBeVisible();
	const benchmarkUrl = new URL(member.url()).pathname;
	await expectAccessible(member);

	// Saving no theme is refused with a message; then two themes.
	await member.getByRole('button', { name: en.practices_benchmark_themes_submit, exact: true }).click();
	await expect(member.getByText(en.practices_benchmark_error_themes!).first()).toBeVisible();
	const themes = member.getByRole('group', { name: en.practices_benchmark_themes_legend });
	await themes.getByRole('checkbox', { name: '2. Access to lifelong guidance services', exact: true }).check();
	await themes.getByRole('checkbox', { name: '9. ICT in lifelong guidance', exact: true }).check();
	await member.getByRole('button', { name: en.practices_benchmark_themes_submit, exact: true }).click();
	await expect(member.getByText(en.practices_benchmark_saved!)).toBeVisible();

	// Tick one good-policy element of the access theme, with its evidence.
	const access = member.getByRole('form', { name: '2. Access to lifelong guidance services' });
	const first = access.getByRole('group', { name: /^2\.1 / });
	await first.getByRole('checkbox', { name: en.practices_benchmark_element_met, exact: true }).check();
	await first.getByLabel(en.practices_benchmark_element_evidence!, { exact: true }).fill('Evening chat statistics for 2025');
	await access.getByRole('button', { name: en.practices_benchmark_theme_submit, exact: true }).click();
	await expect(member.getByText(en.practices_benchmark_saved!)).toBeVisible();
	await expect(member.getByText(fill(en.practices_benchmark_theme_met_count!, { met: 1, total: 3 })).first()).toBeVisible();
	await expectAccessible(member);

	// A target for a gap, with a due date and an owner, added with the keyboard-reachable form.
	const add = member.getByRole('form', { name: en.practices_benchmark_target_add_heading });
	await add.getByLabel(en.practices_benchmark_target_element!, { exact: true }).selectOption({ index: 1 });
	await add.getByLabel(en.practices_benchmark_target_title!, { exact: true }).fill('Offer guidance by video as well');
	await add.getByLabel(en.practices_benchmark_target_due!, { exact: true }).fill('bad');
	await add.getByRole('button', { name: en.practices_benchmark_target_submit, exact: true }).click();
	await expect(member.getByText(en.practices_benchmark_error_date!).first()).toBeVisible();
	await member.getByLabel(en.practices_benchmark_target_due!, { exact: true }).fill(`${new Date().getUTCFullYear() + 1}-06-30`);
	await member.getByLabel(en.practices_benchmark_target_owner!, { exact: true }).selectOption({ label: MEMBER.name });
	await member.getByRole('button', { name: en.practices_benchmark_target_submit, exact: true }).click();
	await expect(member.getByText(en.practices_benchmark_target_added!)).toBeVisible();
	await expect(member.getByRole('heading', { level: 3, name: 'Offer guidance by video as well' })).toBeVisible();

	// Tracked over time: a new status with a note joins the dated history.
	const target = member.getByRole('form', { name: 'Offer guidance by video as well' });
	await target.getByLabel(en.practices_benchmark_target_status!, { exact: true }).selectOption('in_progress');
	await target.getByLabel(en.practices_benchmark_track_note!, { exact: true }).fill('Pilot with two advisers');
	await target.getByRole('button', { name: en.practices_benchmark_track_submit, exact: true }).click();
	await expect(member.getByText(en.practices_benchmark_tracked!)).toBeVisible();
	await expect(member.getByText(/Pilot with two advisers/)).toBeVisible();
	await expectAccessible(member);

	// Private until published: a visitor gets a 404; after publishing, a read-only page.
	const visitor = await (await browser.newContext()).newPage();
	expect((await visitor.request.get(`${BASE_URL}${benchmarkUrl}`)).status()).toBe(404);
	await member.getByRole('button', { name: en.practices_benchmark_publish_submit, exact: true }).click();
	await expect(member.getByText(en.practices_benchmark_published!)).toBeVisible();
	await visitor.goto(benchmarkUrl);
	await expect(visitor.getByRole('heading', { level: 1, name: fill(en.practices_benchmark_page_title!, { name: ORGANISATION }) })).toBeVisible();
	await expect(visitor.getByText('Evening chat statistics for 2025')).toBeVisible();
	await expect(visitor.getByRole('heading', { level: 3, name: 'Offer guidance by video as well' })).toBeVisible();
	await expect(visitor.locator('form[method="post"]')).toHaveCount(0);
	await expectAccessible(visitor);
	await visitor.context().close();

	// The organisation's page links to it.
	await member.goto('/en/organisations');
	await member.getByRole('link', { name: ORGANISATION }).click();
	await expect(member.getByRole('link', { name: en.practices_benchmark_org_link })).toBeVisible();
});

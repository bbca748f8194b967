import { devices, type Browser, type Page } from '@playwright/test';
import { BASE_URL } from '../../playwright.config.ts';
import { expect, expectAccessible, expectAccessibleWithoutScript, messages, test } from './fixtures.ts';
import { adminPage, latestMail, signUpAndSignIn, type Person } from './helpers.ts';

// Our quality, one story in order: a leader opens a round for four members and one external
// rater; they answer area by area (one on a phone-sized screen, one without JavaScript, one by an
// anonymous link); the leader sees the counts, closes the round, finds the divergence flag where
// the team disagreed, plans an action linked to a lesson, prints the report, exports the answers
// and copies the round.
test.describe.configure({ mode: 'serial' });
// Five people, each signing up and joining, then answering: minutes on a busy two-core machine.
test.describe.configure({ timeout: 300_000 });

const en = messages('en');
const PASSWORD = 'our quality round 2026';
const LEADER: Person = { name: 'Liv Leader', email: 'liv.quality@praxis.test', password: PASSWORD, locale: 'en' };
const MEMBERS: Person[] = ['Anna', 'Bjørn', 'Cecilie', 'David'].map((name) => ({ name: `${name} Rater`, email: `${name.toLowerCase().replace('ø', 'o')}.quality@praxis.test`, password: PASSWORD, locale: 'en' }));
const ORGANISATION = 'Quality Careers Centre';
const AREA_1 = 'Access for all groups';
const AREA_2 = 'Holistic content';
// A resource of the shipped library, linked to a plan's action.
const RESOURCE = { slug: 'norwegian-quality-framework-website', title: 'Quality in career guidance: the Norwegian National Quality Framework' };
const fill = (text: string, values: Record<string, string | number>) => Object.entries(values).reduce((t, [k, v]) => t.replace(`{${k}}`, String(v)), text);

let admin: Page;
let leader: Page;
const raters: Page[] = [];
let roundUrl = '';
let externalLink = '';

async function newPerson(browser: Browser, person: Person, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
	const page = await (await browser.newContext(options)).newPage();
	await signUpAndSignIn(page, person);
	return page;
}

/** Answers every indicator of the area on screen with `value` ('' = cannot judge) and saves. */
async function answerArea(page: Page, value: string, evidence = '') {
	const groups = page.locator('fieldset.indicator');
	const count = await groups.count();
	expect(count).toBeGreaterThan(0);
	for (let i = 0; i < count; i++) {
		const group = groups.nth(i);
		if (value === '') await group.getByRole('radio', { name: en.quality_answer_cannot_judge }).check();
		else await group.getByRole('radio', { name: new RegExp(`^${value} – `) }).check();
		if (evidence && i === 0) await group.getByLabel(en.quality_field_evidence!).fill(evidence);
	}
	await page.getByRole('button', { name: new RegExp(`^(${en.quality_answer_save_next}|${en.quality_answer_save})$`) }).click();
	await expect(page.getByText(en.quality_answer_saved!)).toBeVisible();
}

let organisationUrl = '';
let qualityOrgUrl = '';

test('a leader signs up and creates an organisation', async ({ browser }) => {
	admin = await adminPage(browser);
	leader = await newPerson(browser, LEADER);
	await leader.goto('/en/organisations');
	await leader.getByLabel(en.org_field_name!, { exact: true }).fill(ORGANISATION);
	await leader.getByLabel(en.field_sector!, { exact: true }).selectOption('adult_centre');
	await leader.getByLabel(en.field_country!, { exact: true }).selectOption('NO');
	await leader.getByRole('button', { name: en.org_create_submit, exact: true }).click();
	await expect(leader.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();
	organisationUrl = leader.url();
});

// Anna on a phone-sized screen, Bjørn without JavaScript.
const CONTEXTS = [{ ...devices['Pixel 7'] }, { javaScriptEnabled: false }, {}, {}];
for (const [i, member] of MEMBERS.entries()) {
	test(`${member.name} signs up and joins the organisation`, async ({ browser }) => {
		raters[i] = await newPerson(browser, member, CONTEXTS[i]);
		await leader.goto(organisationUrl);
		await leader.getByLabel(en.invite_field_email!, { exact: true }).fill(member.email);
		// The invitation, not the sign-up mail before it (mail leaves after commit, a moment later).
		const since = Date.now();
		await leader.getByRole('button', { name: en.invite_submit, exact: true }).click();
		await expect(leader.getByText(en.invite_sent!.replace('{email}', member.email))).toBeVisible();
		const mail = await latestMail(member.email, since);
		await raters[i]!.goto(mail.link);
		await raters[i]!.getByRole('button', { name: en.invite_accept, exact: true }).click();
		await expect(raters[i]!.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();
	});
}

test('the leader opens a round with an external rater', async () => {
	await leader.goto('/en');
	await leader.getByRole('navigation', { name: en.nav_label }).getByRole('link', { name: en.quality_nav }).click();
	await expect(leader.getByRole('heading', { level: 1, name: en.quality_title })).toBeVisible();
	await expectAccessible(leader);
	await leader.getByRole('link', { name: fill(en.quality_home_open!, { name: ORGANISATION }) }).click();
	await expect(leader.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();
	await expectAccessible(leader);

	// No area chosen and a past deadline: refused next to the fields, nothing opened.
	const open = leader.locator('form[action="?/open"]');
	await open.getByLabel(en.quality_field_title!, { exact: true }).fill('Autumn review');
	await open.getByLabel(en.quality_field_deadline!, { exact: true }).fill('2001-01-01');
	const refused = leader.waitForResponse((r) => r.request().method() === 'POST');
	await leader.getByRole('button', { name: en.quality_open_submit, exact: true }).click();
	expect((await refused).status()).toBe(400);
	await expect(leader.locator('#round-areas-' + (await leader.getByLabel(en.quality_field_framework!).inputValue()) + '-error')).toHaveText(en.quality_error_areas!);
	await expectAccessible(leader);

	const framework = leader.getByLabel(en.quality_field_framework!);
	await expect(framework.locator('option:checked')).toHaveText(/Guidance service self-assessment/);
	const scope = leader.getByRole('group', { name: /Guidance service self-assessment/ });
	await scope.getByRole('checkbox', { name: AREA_1 }).check();
	await scope.getByRole('checkbox', { name: AREA_2 }).check();
	// The quality model's seven areas are offered too, marked as still to be written.
	await expect(leader.getByRole('group', { name: /Quality model/ }).getByRole('checkbox', { name: new RegExp(en.quality_placeholder_badge!) })).toHaveCount(7);
	await open.getByLabel(en.quality_field_deadline!, { exact: true }).fill(`${new Date().getUTCFullYear() + 1}-06-30`);
	// The leader wants to follow the results while the round is open.
	await open.getByLabel(en.quality_field_live!).check();
	await leader.getByRole('button', { name: en.quality_open_submit, exact: true }).click();
	await expect(leader.getByRole('heading', { level: 1, name: 'Autumn review' })).toBeVisible();
	roundUrl = new URL(leader.url()).pathname;
	expect(roundUrl).toMatch(/^\/en\/quality\/rounds\/[0-9a-f-]{36}$/);
	await expectAccessible(leader);

	await leader.getByLabel(en.quality_field_label!).fill('Service user');
	await leader.getByRole('button', { name: en.quality_link_submit, exact: true }).click();
	await expect(leader.getByText(en.quality_link_created!)).toBeVisible();
	externalLink = await leader.getByLabel(fill(en.quality_link_new_label!, { label: 'Service user' })).inputValue();
	expect(externalLink).toMatch(/\/en\/quality\/link\/[\w-]{20,}$/);
	await expectAccessible(leader);
});

// Two members at each end of the scale on area 1: the team disagrees there. All agree on area 2.
const AREA_1_ANSWERS = ['1', '4', '1', '4'];
for (const [i, member] of MEMBERS.entries()) {
	test(`${member.name} answers area by area`, async () => {
		const page = raters[i]!;
		await page.goto('/en/quality');
		await page.getByRole('link', { name: fill(en.quality_home_answer!, { title: 'Autumn review' }) }).click();
		await expect(page.getByRole('heading', { level: 1, name: `Autumn review: ${AREA_1}` })).toBeVisible();
		// Bjørn's browser runs no scripts, so axe checks his page in one that does.
		const scan = i === 1 ? expectAccessibleWithoutScript : expectAccessible;
		await scan(page);
		// Out of range: refused with a 400 and a translated message, nothing saved.
		if (i === 1) {
			const bad = await page.request.post(`${new URL(page.url()).pathname}?/save`, {
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: BASE_URL },
				data: 'area=access-for-all&value%3Areach-known-groups=9'
			});
			expect(bad.status()).toBe(400);
			expect(await bad.text()).toContain(en.quality_error_value);
		}
		await answerArea(page, AREA_1_ANSWERS[i]!, i === 0 ? 'Visitor statistics 2025' : '');
		await expect(page.getByRole('heading', { level: 1, name: `Autumn review: ${AREA_2}` })).toBeVisible();
		await scan(page);
		await answerArea(page, '3');
	});
}

test('a member resumes and sees only their own answers; the external rater answers by link', async ({ browser }) => {
	// Resumable: Anna's first area still holds her answers and evidence.
	const anna = raters[0]!;
	await anna.getByRole('navigation', { name: en.quality_areas_nav }).getByRole('link', { name: new RegExp(AREA_1) }).click();
	// The draft saver (a deferred script) listens once the page has loaded: typing before it would not be seen.
	await anna.waitForURL(/area=/, { waitUntil: 'load' });
	await expect(anna.locator('fieldset.indicator').first().getByRole('radio', { name: /^1 – / })).toBeChecked();
	await expect(anna.getByLabel(en.quality_field_evidence!).first()).toHaveValue('Visitor statistics 2025');
	// Kept as it is typed: a comment never saved with the button survives a reload.
	await anna.getByLabel(en.quality_field_comment!).first().fill('Ask the reception desk too');
	await expect(anna.getByText(en.quality_draft_saved!)).toBeVisible();
	await anna.reload();
	await expect(anna.getByLabel(en.quality_field_comment!).first()).toHaveValue('Ask the reception desk too');
	await expect(anna.getByText(fill(en.quality_answer_progress!, { saved: 2, areas: 2 }))).toBeVisible();

	// A member's round page: no counts, no results, nobody else's answers.
	await anna.goto(roundUrl);
	await expect(anna.getByText(en.quality_results_pending!)).toBeVisible();
	await expect(anna.getByRole('heading', { name: en.quality_responses_heading })).toHaveCount(0);
	await expectAccessible(anna);

	// The external rater, without an account.
	const external = await (await browser.newContext()).newPage();
	await external.goto(externalLink);
	await expect(external.getByText(fill(en.quality_external_intro!, { framework: 'Guidance service self-assessment (ELGPN and Cedefop)' }))).toBeVisible();
	await expectAccessible(external);
	await answerArea(external, '2');
	await external.context().close();
});

test('the leader sees the counts, closes the round and finds where the team differs', async ({ browser }) => {
	await leader.goto(roundUrl);
	const responses = leader.getByRole('table', { name: en.quality_responses_caption });
	await expect(responses.getByRole('row', { name: new RegExp(`^${en.quality_rater_role_practitioner} 4 4 4$`) })).toBeVisible();
	await expect(responses.getByRole('row', { name: new RegExp(`^${en.quality_rater_role_external} 1 1 0$`) })).toBeVisible();
	// Live results (chosen at opening): the figures so far, the divergence already visible; no report yet.
	const live = leader.getByRole('region', { name: en.quality_results_heading });
	await expect(live.getByText(en.quality_results_live!)).toBeVisible();
	await expect(live.getByText(fill(en.quality_results_respondents!, { respondents: 5, raters: 6 }))).toBeVisible();
	await expect(live.getByRole('listitem').filter({ hasText: AREA_1 }).filter({ hasText: en.quality_divergence_spread! })).toBeVisible();
	await expect(live.getByRole('link', { name: en.quality_report_link })).toHaveCount(0);
	await expectAccessible(leader);
	// The leader has not rated yet: the reminder mails them (in their language, a link back to their answers); a second one the same day is refused.
	const since = Date.now();
	await leader.getByRole('button', { name: en.quality_remind_submit, exact: true }).click();
	await expect(leader.getByText(en.quality_remind_done!)).toBeVisible();
	const reminder = await latestMail(LEADER.email, since);
	expect(reminder.subject).toBe(fill(en.mail_quality_reminder_subject!, { round: 'Autumn review', organisation: ORGANISATION }));
	expect(reminder.link).toMatch(new RegExp(`${roundUrl}/answer$`));
	const again = leader.waitForResponse((r) => r.request().method() === 'POST');
	await leader.getByRole('button', { name: en.quality_remind_submit, exact: true }).click();
	expect((await again).status()).toBe(429);
	await expect(leader.getByText(en.quality_error_reminded!)).toBeVisible();
	await expectAccessible(leader);
	await leader.getByRole('button', { name: en.quality_close_submit, exact: true }).click();
	await expect(leader.getByText(en.quality_closed_done!)).toBeVisible();

	const results = leader.getByRole('region', { name: en.quality_results_heading });
	await expect(results.getByText(fill(en.quality_results_respondents!, { respondents: 5, raters: 6 }))).toBeVisible();
	await expect(results.getByRole('listitem').filter({ hasText: AREA_1 }).filter({ hasText: en.quality_divergence_spread! })).toBeVisible();
	await expect(results.getByRole('img', { name: fill(en.quality_chart_title!, { min: 1, max: 4 }) })).toBeVisible();
	const table = results.getByRole('table', { name: en.quality_table_caption });
	// One leader, one external rater: never broken down; four practitioners are.
	const area2 = table.getByRole('row').filter({ has: leader.getByRole('rowheader', { name: `2 ${AREA_2}` }) });
	await expect(area2).toContainText(`${en.quality_rater_role_practitioner}: 3`);
	await expect(area2).not.toContainText(`${en.quality_rater_role_leader}:`);
	await expect(table.getByRole('row').filter({ has: leader.getByRole('rowheader', { name: `1 ${AREA_1}` }) })).toContainText(`${en.quality_rater_role_external}: ${en.quality_small_group}`);
	await expectAccessible(leader);

	// The external link is spent: a translated 409, no form.
	const external = await (await browser.newContext()).newPage();
	const response = await external.goto(externalLink);
	expect(response?.status()).toBe(409);
	await expect(external.getByText(en.quality_error_link_closed!)).toBeVisible();
	await expectAccessible(external);
	await external.context().close();

	// A member can no longer change an answer.
	const page = raters[2]!;
	const late = await page.request.post(`${roundUrl}/answer?/save`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: BASE_URL },
		data: 'area=access-for-all&value%3Areach-known-groups=4'
	});
	expect(late.status()).toBe(409);
	expect(await late.text()).toContain(en.quality_error_closed);
});

test('the leader plans actions linked to a lesson and to a resource, prints the report, exports and copies the round', async () => {
	await leader.getByRole('link', { name: /^Add to the development plan: 1\.1 / }).click();
	await expect(leader.getByLabel(en.quality_field_criterion!)).toHaveValue('reach');
	await leader.getByLabel(en.quality_field_goal!, { exact: true }).fill('Reach people who seldom come to us');
	await leader.getByLabel(en.quality_field_action!, { exact: true }).fill('Train the team in outreach');
	await leader.getByLabel(en.quality_field_owner!, { exact: true }).selectOption({ label: MEMBERS[0]!.name });
	// The add form's list (each action's update form has one of its own, for leaders).
	const training = leader.locator('#action-training');
	await expect(training).toHaveAccessibleName(en.quality_field_training!);
	const lesson = (await training.locator('option').allTextContents()).find((label) => label.split(' — ').length === 3)!;
	await training.selectOption({ label: lesson });
	await leader.getByRole('button', { name: en.quality_add_action_submit, exact: true }).click();
	await expect(leader.getByText(en.quality_action_added!)).toBeVisible();
	const plan = leader.getByRole('region', { name: en.quality_plan_heading });
	const action = plan.getByRole('article', { name: 'Train the team in outreach' });
	await expect(action.getByRole('link', { name: lesson })).toBeVisible();
	await expect(action).toContainText(fill(en.quality_action_owner!, { name: MEMBERS[0]!.name }));
	// Staff uptake of the lesson: counts over the five members, nobody has opened it yet.
	await expect(action).toContainText(fill(en.quality_action_uptake!, { started: 0, completed: 0, members: 5 }));
	await expectAccessible(leader);

	// An action linked to a resource of the library, chosen in the same list (its own group); Cecilie
	// has it on her shelf, so the plan counts one of five.
	const planPage = leader.url();
	await raters[2]!.goto(`/en/resources/${RESOURCE.slug}`);
	await raters[2]!.getByRole('button', { name: en.resources_favourite, exact: true }).click();
	await expect(raters[2]!.getByText(en.resources_favourited!)).toBeVisible();
	await leader.getByLabel(en.quality_field_goal!, { exact: true }).fill('Know our quality framework');
	await leader.getByLabel(en.quality_field_action!, { exact: true }).fill('Read the framework together');
	await expect(training.locator(`optgroup[label="${en.quality_training_group_resource}"] option`, { hasText: RESOURCE.title })).toHaveCount(1);
	await training.selectOption({ label: RESOURCE.title });
	await leader.getByRole('button', { name: en.quality_add_action_submit, exact: true }).click();
	await expect(leader.getByText(en.quality_action_added!)).toBeVisible();
	const reading = plan.getByRole('article', { name: 'Read the framework together' });
	await expect(reading.getByRole('link', { name: RESOURCE.title })).toHaveAttribute('href', `/en/resources/${RESOURCE.slug}`);
	await expect(reading).toContainText(fill(en.quality_action_resource_uptake!, { shelved: 1, planned: 0, members: 5 }));
	await expectAccessible(leader);
	// A forged or unknown link: a translated 400, nothing added.
	const post = (training: string) =>
		leader.request.post(`${new URL(planPage).pathname}?/action`, {
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, accept: 'text/html' },
			data: `goal=g&title=Forged&training=${encodeURIComponent(training)}`
		});
	for (const [forged, error] of [
		['resource:no-such-resource', en.error_choose],
		['no-such-course/a/b', en.error_choose],
		['resource:<script>', en.error_invalid]
	] as const) {
		const refused = await post(forged);
		expect(refused.status(), forged).toBe(400);
		expect(await refused.text(), forged).toContain(error);
	}
	await leader.goto(planPage);
	await expect(plan.getByRole('article', { name: 'Read the framework together' })).toHaveCount(1);
	await expect(plan.getByRole('article', { name: 'Forged' })).toHaveCount(0);

	// Later the leader links the outreach action to the resource instead of the lesson.
	const outreach = plan.getByRole('article', { name: 'Train the team in outreach' });
	const update = fill(en.quality_action_update!, { title: 'Train the team in outreach' });
	await outreach.locator('summary', { hasText: update }).click();
	await outreach.getByLabel(en.quality_field_training!, { exact: true }).selectOption({ label: RESOURCE.title });
	await outreach.getByRole('button', { name: update, exact: true }).click();
	await expect(leader.getByText(en.quality_action_updated!)).toBeVisible();
	await expect(outreach.getByRole('link', { name: RESOURCE.title })).toBeVisible();
	await expect(outreach.getByRole('link', { name: lesson })).toHaveCount(0);
	await expectAccessible(leader);

	// The sector benchmark: the leader opts in; the round page then says how many contributed and why it is hidden.
	qualityOrgUrl = new URL(leader.url()).pathname;
	await leader.getByRole('button', { name: en.quality_benchmark_join, exact: true }).click();
	await expect(leader.getByText(en.quality_benchmark_joined!)).toBeVisible();
	await expect(leader.getByRole('button', { name: en.quality_benchmark_leave, exact: true })).toBeVisible();
	await expectAccessible(leader);
	await leader.goto(roundUrl);
	await expect(leader.getByText(fill(en.quality_benchmark_hidden!, { sector: en.sector_adult_centre!, count: 1, min: 5 }))).toBeVisible();
	await expectAccessible(leader);

	// The one-page summary for owners: a headline per area, and printed it is one A4 page.
	await leader.getByRole('link', { name: en.quality_summary_link }).click();
	await expect(leader.getByRole('heading', { level: 1, name: fill(en.quality_summary_title!, { title: 'Autumn review' }) })).toBeVisible();
	const headlines = leader.getByRole('table', { name: en.quality_summary_areas_heading });
	const area1Headline = headlines.getByRole('row').filter({ has: leader.getByRole('rowheader', { name: `1 ${AREA_1}` }) });
	await expect(area1Headline).toContainText(en.quality_summary_no_change!);
	// The team split on area 1: its disagreements are counted.
	expect(Number(await area1Headline.getByRole('cell').nth(2).textContent())).toBeGreaterThan(0);
	// Two planned actions (both now linked to the resource).
	await expect(leader.getByRole('table', { name: en.quality_summary_plan_caption }).getByRole('cell').first()).toHaveText('2');
	await expect(leader.getByRole('heading', { name: en.quality_summary_priorities_heading })).toBeVisible();
	await expectAccessible(leader);
	const printed = (await leader.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
	expect(printed.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

	// The report as a PDF.
	const pdf = await leader.request.get(`${roundUrl}/report.pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	await leader.goto(qualityOrgUrl);

	await leader.goto(`${roundUrl}/report`);
	await expect(leader.getByRole('heading', { level: 1, name: fill(en.quality_report_title!, { title: 'Autumn review' }) })).toBeVisible();
	await expect(leader.getByRole('table', { name: en.quality_plan_heading })).toContainText('Train the team in outreach');
	await leader.emulateMedia({ media: 'print' });
	await expect(leader.getByText(en.quality_report_print_hint!)).toBeHidden();
	await leader.emulateMedia({ media: 'screen' });
	await expectAccessible(leader);

	const csv = await leader.request.get(`${roundUrl}/answers.csv`);
	expect(csv.status()).toBe(200);
	// With a byte-order mark, as every CSV of the platform, so that spreadsheets read it as UTF-8.
	const text = await csv.text();
	expect(text.startsWith('\uFEFF')).toBe(true);
	expect(text.slice(1).split('\n')[0]).toBe('rater,role,area,criterion,indicator,value,evidence,comment');
	for (const member of MEMBERS) expect(text).not.toContain(member.name);
	expect(text).toContain('Visitor statistics 2025');
	// A member may not export.
	expect((await raters[1]!.request.get(`${roundUrl}/answers.csv`)).status()).toBe(404);

	// Copy the last round.
	await leader.goto(roundUrl);
	await leader.getByRole('link', { name: fill(en.quality_back_to_org!, { name: ORGANISATION }) }).click();
	await leader.getByRole('link', { name: en.quality_copy_last }).click();
	await expect(leader.getByText(en.quality_copied!)).toBeVisible();
	const open = leader.locator('form[action="?/open"]');
	await expect(open.getByLabel(en.quality_field_title!, { exact: true })).toHaveValue('Autumn review');
	await expect(open.getByRole('group', { name: /Guidance service self-assessment/ }).getByRole('checkbox', { name: AREA_1 })).toBeChecked();
	await open.getByLabel(en.quality_field_title!, { exact: true }).fill('Spring review');
	await open.getByLabel(en.quality_field_deadline!, { exact: true }).fill(`${new Date().getUTCFullYear() + 1}-12-31`);
	await leader.getByRole('button', { name: en.quality_open_submit, exact: true }).click();
	await expect(leader.getByRole('heading', { level: 1, name: 'Spring review' })).toBeVisible();
	await expectAccessible(leader);
});

/** A service of the same sector that contributes one closed round: three external raters answer area 1 with `value`. */
/** Posts a form as the leader's browser would (same origin, no script); the response, not followed. */
async function post(page: Page, address: string, fields: [string, string][]) {
	const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, accept: 'text/html' };
	return page.request.post(address, { headers, data: new URLSearchParams(fields).toString(), maxRedirects: 0 });
}

/** Where a form post redirected to (SvelteKit answers an action that redirects with a 303). */
async function redirectedTo(page: Page, address: string, fields: [string, string][]): Promise<string> {
	const response = await post(page, address, fields);
	expect(response.status(), `${address}: ${await response.text()}`).toBe(303);
	return response.headers()['location']!;
}

/**
 * Another service of the sector that joins the benchmark and closes a round of area 1 with three
 * external answers of `value`. Its people post the same forms the pages above post (creating an
 * organisation, joining the benchmark, opening a round, making a link, answering by link, closing)
 * without opening each page again: those pages and their checks are walked earlier in this story.
 */
async function contributingService(name: string, value: string) {
	const organisation = await redirectedTo(leader, '/en/organisations?/create', [['name', name], ['sector', 'adult_centre'], ['country', 'NO'], ['description', '']]);
	const quality = `/en/quality/${/\/organisations\/([0-9a-f-]{36})/.exec(organisation)![1]}`;
	expect((await post(leader, `${quality}?/benchmark`, [['benchmark', 'in']])).status()).toBe(200);
	const frameworks = await (await leader.request.get(quality)).text();
	const framework = /<option value="(\d+)"[^>]*>Guidance service self-assessment/.exec(frameworks)![1]!;
	const round = await redirectedTo(leader, `${quality}?/open`, [
		['framework', framework],
		['title', `${name} review`],
		['deadline', `${new Date().getUTCFullYear() + 1}-06-30`],
		['anonymous', 'on'],
		['roles', 'leader'],
		['roles', 'member'],
		['areas', 'access-for-all']
	]);
	for (const label of ['A', 'B', 'C']) {
		const made = await (await post(leader, `${round}?/link`, [['label', label]])).text();
		const link = new URL(/https?:\/\/[^"\s<]+\/quality\/link\/[\w-]+/.exec(made)![0]);
		// The rater's page names the area and its indicators, as the form's fields.
		const page = await (await leader.request.get(link.pathname)).text();
		const area = /name="area" value="([a-z0-9-]+)"/.exec(page)![1]!;
		expect(area).toBe('access-for-all');
		const indicators = [...new Set([...page.matchAll(/name="value:([a-z0-9-]+)"/g)].map((m) => m[1]!))];
		expect(indicators.length).toBeGreaterThan(0);
		const saved = await post(leader, `${link.pathname}?/save`, [['area', area], ...indicators.map((key): [string, string] => [`value:${key}`, value])]);
		expect(saved.status(), await saved.text()).toBe(303);
	}
	expect((await post(leader, `${round}?/close`, [])).status()).toBe(200);
}

test('with five services of the sector contributing, the round compares itself with the sector in a chart', async () => {
	for (const [i, value] of ['2', '3', '3', '4'].entries()) await contributingService(`Sector peer ${i + 1}`, value);
	await leader.goto(roundUrl);
	const results = leader.getByRole('region', { name: en.quality_results_heading });
	const sector = en.sector_adult_centre!;
	// The chart is one labelled image; the table beside it holds the same figures.
	const chart = results.getByRole('img', { name: fill(en.quality_benchmark_chart_title!, { sector }) });
	await expect(chart).toBeVisible();
	// Named by its title and its description (which says what the two bars are).
	await expect(results.getByRole('img', { name: fill(en.quality_benchmark_chart_desc!, { min: 1, max: 4 }) })).toBeVisible();
	await expect(chart.locator('rect.bar')).toHaveCount(2);
	await expect(chart.locator('rect.previous')).toHaveCount(1);
	const table = results.getByRole('table', { name: fill(en.quality_benchmark_caption!, { sector, count: 5 }) });
	// Area 1: five organisations with a figure, whose median is the sector's; area 2 only this one.
	const area1 = table.getByRole('row').filter({ has: leader.getByRole('rowheader', { name: `1 ${AREA_1}` }) });
	await expect(area1.getByRole('cell').nth(2)).toHaveText('5');
	await expect(area1.getByRole('cell').nth(1)).toHaveText('3');
	await expect(table.getByRole('row').filter({ has: leader.getByRole('rowheader', { name: `2 ${AREA_2}` }) }).getByRole('cell').nth(1)).toHaveText(en.quality_no_figure!);
	await expectAccessible(leader);
});

test('a self-benchmark target that points at an action shows on the action too', async () => {
	const organisationId = qualityOrgUrl.split('/').pop();
	await leader.goto(`/en/practices/benchmark/${organisationId}`);
	await leader.getByRole('group', { name: en.practices_benchmark_themes_legend }).getByRole('checkbox', { name: '2. Access to lifelong guidance services', exact: true }).check();
	await leader.getByRole('button', { name: en.practices_benchmark_themes_submit, exact: true }).click();
	await expect(leader.getByText(en.practices_benchmark_saved!)).toBeVisible();
	const add = leader.getByRole('form', { name: en.practices_benchmark_target_add_heading });
	await add.getByLabel(en.practices_benchmark_target_title!, { exact: true }).fill('Publish a service charter');
	await add.getByLabel(en.practices_benchmark_target_due!, { exact: true }).fill(`${new Date().getUTCFullYear() + 1}-03-31`);
	await add.getByLabel(en.practices_benchmark_target_action!, { exact: true }).selectOption({ label: 'Read the framework together' });
	await add.getByRole('button', { name: en.practices_benchmark_target_submit, exact: true }).click();
	await expect(leader.getByText(en.practices_benchmark_target_added!)).toBeVisible();

	await leader.goto(qualityOrgUrl);
	const reading = leader.getByRole('region', { name: en.quality_plan_heading }).getByRole('article', { name: 'Read the framework together' });
	await expect(reading).toContainText(en.quality_action_targets!);
	const link = reading.getByRole('link', { name: 'Publish a service charter' });
	await expect(link).toHaveAttribute('href', new RegExp(`^/en/practices/benchmark/${organisationId}#target-[0-9a-f-]{36}$`));
	await expect(reading).toContainText(`(${en.practices_benchmark_status_planned})`);
	// The other action has no target.
	await expect(leader.getByRole('article', { name: 'Train the team in outreach' })).not.toContainText(en.quality_action_targets!);
	await expectAccessible(leader);
	await link.click();
	await expect(leader.getByRole('heading', { level: 3, name: 'Publish a service charter' })).toBeVisible();
});

test('another organisation’s leader and a stranger are refused everything', async ({ request }) => {
	// The admin leads no organisation of this round.
	expect((await admin.goto(roundUrl))?.status()).toBe(404);
	expect(await admin.content()).not.toContain('Autumn review');
	for (const path of [`${roundUrl}/report`, `${roundUrl}/summary`, `${roundUrl}/report.pdf`, `${roundUrl}/answers.csv`, `${roundUrl}/answer`]) expect((await admin.request.get(path)).status(), path).toBe(404);
	const form = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, accept: 'text/html' };
	for (const action of ['close', 'link']) expect((await admin.request.post(`${roundUrl}?/${action}`, { headers: form, data: 'label=x' })).status(), action).toBe(404);
	// Nor can they change another organisation's benchmark choice; a member of it may not either (a translated 403).
	expect((await admin.request.post(`${qualityOrgUrl}?/benchmark`, { headers: form, data: 'benchmark=out' })).status()).toBe(404);
	const byMember = await raters[2]!.request.post(`${qualityOrgUrl}?/benchmark`, { headers: form, data: 'benchmark=out' });
	expect(byMember.status()).toBe(403);
	expect(await byMember.text()).toContain(en.quality_error_benchmark_leader);
	expect((await raters[2]!.request.post(`${qualityOrgUrl}?/benchmark`, { headers: form, data: 'benchmark=maybe' })).status()).toBe(400);
	expect((await admin.goto('/en/quality/rounds/not-a-round'))?.status()).toBe(404);
	expect((await request.get(`${BASE_URL}${roundUrl}`)).status()).toBe(403);
});

import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { adminPage, signIn, signUpAndVerify, type Person } from './helpers.ts';

// The resource library, one story: a practitioner finds activities for "Choice – chance" that work
// in a group, plans a session of three, reorders it, opens the run sheet and shares the plan with
// their organisation; puts a resource on their shelf; proposes a resource, which an editor
// publishes into the quality laboratory.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const en = messages('en');
const PLANNER: Person = { name: 'Pia Planner', email: 'pia.resources@praxis.test', password: 'plans for the choice button 2026', locale: 'en' };
const ORGANISATION = 'Choice Guidance Centre';
const PLAN = 'Year 10: choice and chance';
const PROPOSAL = 'A guide to labour-market information for newcomers';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A button whose visible text is `action` and whose hidden rest names `title`. */
const named = (action: string, title: string) => new RegExp(`^${escape(action)}\\s*: ${escape(title)}$`);
const fill = (text: string, values: Record<string, string | number>) => Object.entries(values).reduce((t, [k, v]) => t.replace(`{${k}}`, String(v)), text);

let planner: Page;
let planUrl = '';
const activities: { href: string; title: string }[] = [];

async function newPerson(browser: Browser, person: Person): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signUpAndVerify(page, person);
	await signIn(page, person.email, person.password);
	await expect(page.getByRole('heading', { level: 1, name: en.account_title })).toBeVisible();
	return page;
}

test('a practitioner finds activities for Choice – chance that work in a group', async ({ browser }) => {
	planner = await newPerson(browser, PLANNER);
	await planner.goto('/en/career-learning');
	await expect(planner.getByRole('heading', { level: 1, name: en.resources_career_title })).toBeVisible();
	await expect(planner.getByText(en.resources_own_writing!)).toBeVisible();
	await expectAccessible(planner);
	await planner.getByRole('link', { name: 'Choice – chance', exact: true }).click();
	await expect(planner).toHaveURL(/\/en\/career-learning\/choice-chance$/);
	await expect(planner.getByRole('heading', { level: 1, name: 'Choice – chance' })).toBeVisible();

	// Narrow to activities for a group: a GET form, so the address can be shared.
	await planner.getByLabel(en.resources_facet_setting!, { exact: true }).selectOption('group');
	await planner.getByLabel(en.resources_facet_kind!, { exact: true }).selectOption('activity');
	await planner.getByRole('button', { name: en.resources_filter_submit, exact: true }).click();
	await expect(planner).toHaveURL(/setting=group/);
	await expect(planner).toHaveURL(/kind=activity/);
	await expect(planner.getByRole('heading', { level: 2, name: new RegExp(`^${en.resources_activities_heading}`) })).toBeVisible();
	await expect(planner.getByRole('heading', { level: 2, name: new RegExp(`^${en.resources_starters_heading}`) })).toHaveCount(0);
	const links = planner.locator('section[aria-labelledby="kind-activity"] .resource-title a');
	expect(await links.count()).toBeGreaterThanOrEqual(3);
	for (let i = 0; i < 3; i++) activities.push({ href: (await links.nth(i).getAttribute('href'))!, title: (await links.nth(i).innerText()).trim() });
	await expectAccessible(planner);

	// An activity page: its group setting, its learning outcomes in the framework, the platform's own writing.
	await planner.goto(activities[0]!.href);
	await expect(planner.getByRole('heading', { level: 1, name: activities[0]!.title })).toBeVisible();
	await expect(planner.getByText(en.resources_own_writing!)).toBeVisible();
	await expect(planner.getByRole('link', { name: 'Choice – chance', exact: true }).last()).toHaveAttribute('href', '/en/frameworks/career-learning-in-context/choice-chance');
	await expectAccessible(planner);
});

test('plans a session of three, reorders it, opens the run sheet and shares it', async ({ browser }) => {
	await planner.goto('/en/career-learning/plans');
	await expect(planner.getByText(en.resources_plans_none!)).toBeVisible();
	await expectAccessible(planner);
	await planner.getByLabel(en.resources_plan_title_field!, { exact: true }).fill(PLAN);
	await planner.getByLabel(en.resources_plan_group_field!, { exact: true }).fill('10B');
	await planner.getByRole('button', { name: en.resources_plan_create, exact: true }).click();
	await expect(planner.getByRole('heading', { level: 1, name: PLAN })).toBeVisible();
	planUrl = new URL(planner.url()).pathname;
	expect(planUrl).toMatch(/^\/en\/career-learning\/plans\/[0-9a-f-]{36}$/);

	// Each activity is added from its own page.
	for (const activity of activities) {
		await planner.goto(activity.href);
		await planner.getByLabel(en.resources_add_to_plan_label!, { exact: true }).selectOption({ label: PLAN });
		await planner.getByRole('button', { name: en.resources_add_to_plan, exact: true }).click();
		await expect(planner.getByText(en.resources_plan_added!)).toBeVisible();
	}
	const steps = planner.locator('ol.steps > li h3');
	await expect(steps).toHaveText(activities.map((a) => a.title));
	await expectAccessible(planner);

	// The third moves up (no JavaScript needed: each button is a form), and gets a note.
	await planner.getByRole('button', { name: named(en.resources_step_up!, activities[2]!.title) }).click();
	await expect(steps).toHaveText([activities[0]!.title, activities[2]!.title, activities[1]!.title]);
	await planner.getByLabel(fill(en.resources_step_notes!, { title: activities[2]!.title })).fill('Pairs first, then the whole group.');
	await planner.getByRole('button', { name: named(en.resources_step_notes_save!, activities[2]!.title) }).click();
	await expect(planner.getByText(en.resources_plan_saved!)).toBeVisible();

	// The run sheet: the steps in order with the note; the screen-only links are not printed.
	await planner.getByRole('link', { name: en.resources_run_sheet, exact: true }).click();
	await expect(planner.getByRole('heading', { level: 1, name: `${en.resources_run_sheet}: ${PLAN}` })).toBeVisible();
	await expect(planner.locator('table.overview tbody th')).toHaveText([activities[0]!.title, activities[2]!.title, activities[1]!.title]);
	await expect(planner.locator('table.overview')).toContainText('Pairs first, then the whole group.');
	await expectAccessible(planner);
	await planner.emulateMedia({ media: 'print' });
	await expect(planner.getByText(en.resources_run_sheet_hint!)).toBeHidden();
	await planner.emulateMedia({ media: 'screen' });

	// Share it with the planner's organisation; someone outside it gets a 404.
	await planner.goto('/en/organisations');
	await planner.getByLabel(en.org_field_name!, { exact: true }).fill(ORGANISATION);
	await planner.getByLabel(en.field_sector!, { exact: true }).selectOption('adult_centre');
	await planner.getByLabel(en.field_country!, { exact: true }).selectOption('NO');
	await planner.getByRole('button', { name: en.org_create_submit, exact: true }).click();
	await expect(planner.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();
	await planner.goto(planUrl);
	await planner.getByLabel(en.resources_plan_share_label!, { exact: true }).selectOption({ label: ORGANISATION });
	await planner.getByRole('button', { name: en.resources_plan_share, exact: true }).click();
	await expect(planner.getByText(fill(en.resources_plan_shared_with!, { organisation: ORGANISATION }))).toBeVisible();
	await expectAccessible(planner);
	const admin = await adminPage(browser);
	const response = await admin.goto(planUrl);
	expect(response?.status()).toBe(404);
});

test('puts a resource on the shelf', async () => {
	await planner.goto(activities[1]!.href);
	await planner.getByRole('button', { name: en.resources_favourite, exact: true }).click();
	await expect(planner.getByText(en.resources_favourited!)).toBeVisible();
	await expect(planner.getByRole('button', { name: en.resources_unfavourite, exact: true })).toBeVisible();
	await planner.goto('/en/resources/shelf');
	await expect(planner.getByRole('link', { name: activities[1]!.title })).toBeVisible();
	await expectAccessible(planner);
});

test('proposes a resource; an editor publishes it into the quality laboratory', async ({ browser, page: visitor }) => {
	await planner.goto('/en/resources/propose');
	await expectAccessible(planner);
	await planner.getByLabel(en.resources_field_title!, { exact: true }).fill(PROPOSAL);
	await planner.getByLabel(en.resources_field_summary!, { exact: true }).fill('How to use labour-market information with people new to the country.');
	await planner.getByLabel(en.resources_facet_kind!, { exact: true }).selectOption('material');
	await planner.getByLabel(en.resources_publisher!, { exact: true }).fill('A guidance service');
	await planner.getByLabel(en.resources_licence!, { exact: true }).fill('See the source');
	await planner.getByRole('checkbox', { name: en.resources_sector_adult }).check();
	await planner.getByRole('checkbox', { name: 'English' }).check();
	await planner.getByRole('button', { name: en.resources_propose_submit, exact: true }).click();
	await expect(planner.getByText(en.resources_proposed_notice!)).toBeVisible();
	await expect(planner.getByRole('heading', { level: 1, name: PROPOSAL })).toBeVisible();
	const address = new URL(planner.url()).pathname;
	const slug = address.split('/').pop()!;
	// Until it is published, nobody else sees it.
	expect((await visitor.goto(`/en/resources/${slug}`))?.status()).toBe(404);

	const editor = await adminPage(browser);
	await editor.goto('/en/resources/proposals');
	await expect(editor.getByRole('link', { name: PROPOSAL })).toBeVisible();
	await expectAccessible(editor);
	await editor.getByRole('button', { name: named(en.resources_publish!, PROPOSAL) }).click();
	await expect(editor.getByText(en.resources_queue_published!)).toBeVisible();

	// Public now, and found by its facets.
	await visitor.goto(`/en/resources/${slug}`);
	await expect(visitor.getByRole('heading', { level: 1, name: PROPOSAL })).toBeVisible();
	await visitor.goto('/en/resources?kind=material&sector=adult');
	await expect(visitor.getByRole('link', { name: PROPOSAL })).toBeVisible();
	await expect(visitor.getByLabel(en.resources_facet_kind!, { exact: true })).toHaveValue('material');
	await expectAccessible(visitor);
});

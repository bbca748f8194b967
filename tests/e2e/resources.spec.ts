import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { adminPage, signUpAndSignIn, type Person } from './helpers.ts';

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
	await signUpAndSignIn(page, person);
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

// Media hosted by Praxis: an editor uploads a podcast's audio and its WebVTT captions, publishes it,
// and visitors get a player with the captions track; a film whose uploaded video has no captions is
// refused, in the editor's language. Then the editor edits the text twice and restores the first edit.
const PODCAST = 'Career stories told in five minutes';
const FILM = 'A guidance film still waiting for captions';
// Tiny files whose bytes are what their names say: an MPEG audio frame, a WebM (EBML) header, WebVTT.
const MP3 = Buffer.from([0xff, 0xfb, 0x90, 0x64, ...Array(1200).fill(0)]);
const WEBM = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, ...Buffer.from('webm'), 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]);
const VTT = Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome to career stories.\n');
let podcastSlug = '';

async function propose(page: Page, title: string, kind: 'podcast' | 'film'): Promise<string> {
	await page.goto('/en/resources/propose');
	await page.getByLabel(en.resources_field_title!, { exact: true }).fill(title);
	await page.getByLabel(en.resources_field_summary!, { exact: true }).fill('Short episodes in which practitioners tell how a career turned.');
	await page.getByLabel(en.resources_facet_kind!, { exact: true }).selectOption(kind);
	await page.getByLabel(en.resources_publisher!, { exact: true }).fill('Praxis');
	await page.getByLabel(en.resources_licence!, { exact: true }).fill('CC BY 4.0');
	await page.getByRole('checkbox', { name: en.resources_sector_adult }).check();
	await page.getByRole('checkbox', { name: 'English' }).check();
	await page.getByRole('button', { name: en.resources_propose_submit, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return new URL(page.url()).pathname.split('/').pop()!;
}

async function upload(page: Page, role: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
	await page.getByLabel(en.resources_file_role!, { exact: true }).selectOption(role);
	await page.getByLabel(en.resources_file_label!, { exact: true }).setInputFiles(file);
	await page.getByRole('button', { name: en.resources_file_upload, exact: true }).click();
	await expect(page.getByText(en.resources_file_added!)).toBeVisible();
}

test('an editor uploads a podcast with captions and publishes it; a film without captions is refused', async ({ browser, page: visitor }) => {
	const editor = await adminPage(browser);
	podcastSlug = await propose(editor, PODCAST, 'podcast');
	await upload(editor, 'media', { name: 'career-stories.mp3', mimeType: 'audio/mpeg', buffer: MP3 });
	await upload(editor, 'captions', { name: 'career-stories.vtt', mimeType: 'text/vtt', buffer: VTT });
	await expect(editor.getByRole('link', { name: 'career-stories.vtt' })).toBeVisible();
	await expectAccessible(editor);
	await editor.goto('/en/resources/proposals');
	await editor.getByRole('button', { name: named(en.resources_publish!, PODCAST) }).click();
	await expect(editor.getByText(en.resources_queue_published!)).toBeVisible();

	// A visitor hears it with its captions: the track is served as WebVTT.
	await visitor.goto(`/en/resources/${podcastSlug}`);
	await expect(visitor.getByRole('heading', { level: 1, name: PODCAST })).toBeVisible();
	const track = visitor.locator('audio track[kind="captions"]');
	await expect(track).toHaveAttribute('srclang', 'en');
	const captions = await visitor.request.get(new URL((await track.getAttribute('src'))!, visitor.url()).href);
	expect(captions.status()).toBe(200);
	expect(captions.headers()['content-type']).toMatch(/^text\/vtt/);
	expect(await captions.text()).toContain('Welcome to career stories.');
	const audioUrl = new URL((await visitor.locator('audio').getAttribute('src'))!, visitor.url()).href;
	const audio = await visitor.request.get(audioUrl);
	expect(audio.headers()['content-type']).toBe('audio/mpeg');
	// The player can seek: a byte range is answered with just those bytes.
	const part = await visitor.request.get(audioUrl, { headers: { range: 'bytes=0-3' } });
	expect([part.status(), part.headers()['content-range']]).toEqual([206, `bytes 0-3/${MP3.byteLength}`]);
	expect([...(await part.body())]).toEqual([0xff, 0xfb, 0x90, 0x64]);
	await expectAccessible(visitor);

	// A film with its video uploaded but no captions: the editor, working in Norwegian, is told why.
	const nb = messages('nb');
	const filmSlug = await propose(editor, FILM, 'film');
	await upload(editor, 'media', { name: 'guidance-film.webm', mimeType: 'video/webm', buffer: WEBM });
	await editor.goto('/nb/resources/proposals');
	// Ticking "captions exist" does not help: uploaded media needs uploaded captions or a transcript.
	await editor.locator(`#captions-${filmSlug}`).check();
	await editor.getByRole('button', { name: named(nb.resources_publish!, FILM) }).click();
	await expect(editor.getByText(nb.resources_error_uploaded_captions!)).toBeVisible();
	await expectAccessible(editor);
	expect((await visitor.goto(`/en/resources/${filmSlug}`))?.status()).toBe(404);
});

test('an editor edits a resource\'s text, sees each language\'s status and the revisions, and restores one', async ({ browser, page: visitor }) => {
	const editor = await adminPage(browser);
	await editor.goto(`/en/resources/${podcastSlug}`);
	await editor.getByRole('link', { name: en.resources_edit_link, exact: true }).click();
	await expect(editor.getByRole('heading', { level: 1, name: fill(en.resources_edit_title!, { title: PODCAST }) })).toBeVisible();
	await expect(editor.getByText(en.resources_translation_missing!).first()).toBeVisible();
	await expect(editor.getByText(en.editor_history_empty!)).toBeVisible();
	for (const title of ['Career stories in five minutes', 'Career stories, five minutes each']) {
		await editor.getByLabel(en.resources_field_title!, { exact: true }).fill(title);
		await editor.getByRole('button', { name: en.editor_save, exact: true }).click();
		await expect(editor.getByText(en.editor_saved!)).toBeVisible();
	}
	await expect(editor.getByRole('button', { name: en.resources_revision_restore, exact: true })).toHaveCount(2);
	await expectAccessible(editor);
	// The older edit (second in the list, newest first) comes back.
	await editor.getByRole('button', { name: en.resources_revision_restore, exact: true }).nth(1).click();
	await expect(editor.getByText(en.resources_revision_restored!)).toBeVisible();
	await expect(editor.getByRole('button', { name: en.resources_revision_restore, exact: true })).toHaveCount(3);
	await visitor.goto(`/en/resources/${podcastSlug}`);
	await expect(visitor.getByRole('heading', { level: 1, name: 'Career stories in five minutes' })).toBeVisible();
});

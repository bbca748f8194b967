import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { adminPage, signUpAndSignIn, type Person } from './helpers.ts';

test('the A–Z glossary lists every term with a link to its page', async ({ page }) => {
	const m = messages('en');
	await page.goto('/en/glossary');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.glossary_title!);
	const terms = page.locator('main dl dt a');
	expect(await terms.count()).toBeGreaterThanOrEqual(25);
	await expect(page.getByText(/^\d+ terms$/)).toBeVisible();

	// Letters jump to their section.
	const letters = page.getByRole('navigation', { name: m.glossary_az_label });
	await letters.getByRole('link', { name: 'L', exact: true }).click();
	await expect(page).toHaveURL(/#letter-L$/);

	await page.getByRole('link', { name: 'Labour market information (LMI)' }).click();
	await expect(page).toHaveURL(/\/en\/glossary\/labour-market-information$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Labour market information (LMI)');
	await expect(page.getByRole('heading', { name: m.glossary_source })).toBeVisible();
	await expect(page.getByRole('heading', { name: m.glossary_in_language })).toBeVisible();
	await expectAccessible(page);
});

test('terms are in the reader’s language and sorted for it', async ({ page }) => {
	await page.goto('/cs/glossary');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('cs').glossary_title!);
	await expect(page.getByRole('link', { name: 'Kariérové poradenství', exact: false }).first()).toBeVisible();
	const names = await page.locator('main dl dt a').allTextContents();
	const sorted = [...names].sort(new Intl.Collator('cs').compare);
	expect(names).toEqual(sorted);
});

test('finding a term, and a clear message when nothing matches', async ({ page }) => {
	const m = messages('en');
	await page.goto('/en/glossary');
	await page.getByLabel(m.glossary_filter_label!).fill('co-careering');
	await page.getByRole('button', { name: m.glossary_filter_submit }).click();
	await expect(page).toHaveURL(/q=co-careering/);
	await expect(page.locator('main dl dt a').first()).toHaveText(/Co-careering/);
	await expectAccessible(page);

	await page.getByLabel(m.glossary_filter_label!).fill('zzzqqq');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'No terms match “zzzqqq”' })).toBeVisible();
	await page.getByRole('link', { name: m.glossary_filter_clear }).first().click();
	await expect(page.locator('main dl dt a').first()).toBeVisible();
	expect(await page.locator('main dl dt a').count()).toBeGreaterThanOrEqual(25);
});

test('a term links to where the reference frameworks speak of it', async ({ page }) => {
	await page.goto('/en/glossary/career-buttons');
	await expect(page.getByRole('heading', { name: messages('en').glossary_in_frameworks })).toBeVisible();
	const link = page.locator('main a[href*="/en/frameworks/"]').filter({ hasText: /career buttons/i }).first();
	await expect(link).toBeVisible();
	await link.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(/career buttons/i);
});

const PROPOSER: Person = { name: 'Gloria Glossary', email: 'gloria.glossary@praxis.test', password: 'terms of the trade 2026 proposal', locale: 'en' };
const TERM = 'Career shock';
const DEFINITION = 'A disruptive event, outside the person’s control, that makes them rethink their career.';
const DECLINED = 'Career luck';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A button whose visible action is followed by a hidden ": <term>" naming what it acts on. */
const named = (action: string, term: string) => new RegExp(`^${escape(action)}\\s*: ${escape(term)}$`);

test('a member proposes a term; an editor accepts it, and its page credits the member; a rejection tells them why', async ({ browser, page: visitor }) => {
	// Three people's pages, one after the other: more than the default 30 s on a busy two-core machine.
	test.setTimeout(90_000);
	const en = messages('en');
	const member = await (await browser.newContext()).newPage();
	await signUpAndSignIn(member, PROPOSER);
	// A visible profile: the accepted term's page may name her.
	await member.goto('/en/account/profile');
	await member.getByLabel(en.field_profile_visible!).check();
	await member.getByRole('button', { name: en.profile_submit, exact: true }).click();
	await expect(member.getByText(en.profile_saved!)).toBeVisible();

	await member.goto('/en/glossary');
	await member.getByRole('link', { name: en.glossary_propose_link, exact: true }).click();
	await expect(member.getByRole('heading', { level: 1, name: en.glossary_propose_title })).toBeVisible();
	await expect(member.getByText(en.glossary_mine_empty!)).toBeVisible();
	await expectAccessible(member);
	// A malformed link is refused with the reason next to it, and what she typed stays.
	await member.getByLabel(en.glossary_propose_term!, { exact: true }).fill(TERM);
	await member.getByLabel(en.glossary_propose_definition!, { exact: true }).fill(DEFINITION);
	await member.getByLabel(en.glossary_propose_source!, { exact: true }).fill('Akkermans, Seibert and Mol (2018)');
	await member.getByLabel(en.glossary_propose_url!, { exact: true }).fill('javascript:alert(1)');
	await member.getByRole('button', { name: en.glossary_propose_submit, exact: true }).click();
	await expect(member.getByText(en.glossary_error_link!).first()).toBeVisible();
	await expect(member.getByLabel(en.glossary_propose_term!, { exact: true })).toHaveValue(TERM);
	await expectAccessible(member);
	await member.getByLabel(en.glossary_propose_url!, { exact: true }).fill('https://example.org/career-shock');
	await member.getByRole('button', { name: en.glossary_propose_submit, exact: true }).click();
	await expect(member.getByText(en.glossary_proposed_notice!)).toBeVisible();
	const mine = member.getByRole('listitem').filter({ has: member.getByRole('heading', { name: TERM }) });
	await expect(mine).toContainText(en.glossary_status_pending!);
	// A second proposal, which the editor will not take.
	await member.getByLabel(en.glossary_propose_term!, { exact: true }).fill(DECLINED);
	await member.getByLabel(en.glossary_propose_definition!, { exact: true }).fill('Chance events that shape careers.');
	await member.getByRole('button', { name: en.glossary_propose_submit, exact: true }).click();
	await expect(member.getByText(en.glossary_proposed_notice!)).toBeVisible();
	await expectAccessible(member);
	// Not in the glossary until an editor accepts it.
	expect((await visitor.goto('/en/glossary/career-shock'))?.status()).toBe(404);

	// The editor (the admin, signed in with both steps) finds the queue from the editor's page.
	const editor = await adminPage(browser);
	await editor.goto('/en/editor');
	await editor.getByRole('link', { name: en.glossary_queue_link, exact: true }).click();
	await expect(editor.getByRole('heading', { level: 1, name: en.glossary_queue_title })).toBeVisible();
	await expect(editor.getByText(DEFINITION)).toBeVisible();
	await expectAccessible(editor);
	// A rejection needs a reason.
	await editor.getByRole('button', { name: named(en.glossary_reject!, DECLINED) }).click();
	await expect(editor.getByText(en.glossary_error_reason!)).toBeVisible();
	await expectAccessible(editor);
	const declined = editor.getByRole('listitem').filter({ has: editor.getByRole('heading', { name: DECLINED }) });
	await declined.getByLabel(en.glossary_queue_reason!).fill('Please add the source of this definition.');
	await declined.getByRole('button', { name: named(en.glossary_reject!, DECLINED) }).click();
	await expect(editor.getByText(en.glossary_queue_rejected!)).toBeVisible();
	await editor.getByRole('button', { name: named(en.glossary_accept!, TERM) }).click();
	await expect(editor.getByText(en.glossary_queue_accepted!)).toBeVisible();
	await expect(editor.getByText(en.glossary_queue_empty!)).toBeVisible();
	await expectAccessible(editor);

	// Public now: in the A–Z list, and its page credits her by name.
	await visitor.goto('/en/glossary?q=career%20shock');
	await visitor.getByRole('link', { name: TERM, exact: true }).click();
	await expect(visitor).toHaveURL(/\/en\/glossary\/career-shock$/);
	await expect(visitor.getByRole('heading', { level: 1, name: TERM })).toBeVisible();
	await expect(visitor.getByText(DEFINITION)).toBeVisible();
	await expect(visitor.getByText(`Proposed by ${PROPOSER.name}`)).toBeVisible();
	await expect(visitor.getByRole('link', { name: 'Akkermans, Seibert and Mol (2018)' })).toHaveAttribute('href', 'https://example.org/career-shock');
	await expectAccessible(visitor);

	// She sees what became of both.
	await member.goto('/en/glossary/propose');
	await expect(member.getByRole('listitem').filter({ has: member.getByRole('heading', { name: TERM }) })).toContainText(en.glossary_status_accepted!);
	const rejected = member.getByRole('listitem').filter({ has: member.getByRole('heading', { name: DECLINED }) });
	await expect(rejected).toContainText(en.glossary_status_rejected!);
	await expect(rejected).toContainText('Please add the source of this definition.');
	await expectAccessible(member);
	await member.getByRole('link', { name: named(en.glossary_mine_open!, TERM) }).click();
	await expect(member.getByRole('heading', { level: 1, name: TERM })).toBeVisible();
});

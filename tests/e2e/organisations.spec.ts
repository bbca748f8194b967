import type { Page } from '@playwright/test';
import { BASE_URL } from '../../playwright.config.ts';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { adminPage, latestMail, signIn, signUpAndVerify, type Person } from './helpers.ts';

// One story, in order: two people sign up; one creates an organisation and invites the other,
// who accepts in their own browser; a stranger (the admin, who is no member) finds nothing.
test.describe.configure({ mode: 'serial' });

const en = messages('en');
const cs = messages('cs');
const OWNER: Person = { name: 'Olga Owner', email: 'olga@praxis.test', password: 'quality of guidance 2026', locale: 'en' };
const COLLEAGUE: Person = { name: 'Petr Novák', email: 'petr@praxis.test', password: 'kariérové poradenství 42', locale: 'cs' };
const ORGANISATION = 'Careers Centre Bergen';

// Pages kept across the serial tests, so each person signs in once (sign-in is rate limited per IP).
let admin: Page;
let owner: Page;
let colleague: Page;
let organisationUrl = '';

test('two people sign up and confirm their addresses', async ({ browser }) => {
	admin = await adminPage(browser);
	owner = await (await browser.newContext()).newPage();
	colleague = await (await browser.newContext()).newPage();
	await signUpAndVerify(owner, OWNER);
	await signUpAndVerify(colleague, COLLEAGUE);
});

test('an owner creates an organisation from the account page and invites a colleague', async () => {
	await signIn(owner, OWNER.email, OWNER.password);
	await expect(owner.getByRole('heading', { level: 1, name: en.account_title })).toBeVisible();
	await owner.getByRole('link', { name: en.org_title, exact: true }).click();
	await expect(owner.getByRole('heading', { level: 1, name: en.org_title })).toBeVisible();
	await expect(owner.getByRole('heading', { name: en.org_none_title })).toBeVisible();
	await expectAccessible(owner);

	// A missing name is refused next to the field, with a 4xx.
	const refused = owner.waitForResponse((r) => r.request().method() === 'POST');
	await owner.getByRole('button', { name: en.org_create_submit, exact: true }).click();
	expect((await refused).status()).toBe(400);
	await expect(owner.getByText(en.error_form!)).toBeVisible();
	await expect(owner.locator('#org-name-error')).toHaveText(en.error_required!);
	await expect(owner.getByLabel(en.org_field_name!, { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(owner);

	await owner.getByLabel(en.org_field_name!, { exact: true }).fill(ORGANISATION);
	await owner.getByLabel(en.field_sector!, { exact: true }).selectOption('adult_centre');
	await owner.getByLabel(en.field_country!, { exact: true }).selectOption('NO');
	await owner.getByRole('checkbox', { name: 'Norsk bokmål' }).check();
	await owner.getByLabel(en.org_field_description!, { exact: true }).fill('Guidance for adults in western Norway.');
	await owner.getByRole('button', { name: en.org_create_submit, exact: true }).click();
	await expect(owner.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();
	await expect(owner.getByText(en.org_your_role!.replace('{role}', en.org_role_owner!))).toBeVisible();
	organisationUrl = new URL(owner.url()).pathname;
	expect(organisationUrl).toMatch(/^\/en\/organisations\/[0-9a-f-]{36}$/);
	await expectAccessible(owner);

	// Invite with the keyboard: type the address, then press Enter in the field.
	await owner.getByLabel(en.invite_field_email!, { exact: true }).fill('not-an-address');
	await owner.getByLabel(en.invite_field_email!, { exact: true }).press('Enter');
	await expect(owner.locator('#invite-email-error')).toHaveText(en.error_email_invalid!);
	await owner.getByLabel(en.invite_field_email!, { exact: true }).fill(COLLEAGUE.email.toUpperCase());
	await owner.getByLabel(en.invite_field_role!, { exact: true }).selectOption('member');
	await owner.getByLabel(en.invite_field_email!, { exact: true }).press('Enter');
	await expect(owner.getByText(en.invite_sent!.replace('{email}', COLLEAGUE.email))).toBeVisible();
	const pending = owner.getByRole('region', { name: en.invite_pending_heading });
	await expect(pending.getByText(COLLEAGUE.email, { exact: true })).toBeVisible();
	await expect(pending.getByRole('button', { name: en.invite_revoke!.replace('{email}', COLLEAGUE.email) })).toBeVisible();
	await expectAccessible(owner);
});

test('the colleague accepts in their own browser, signing in first, and sees the organisation', async () => {
	// The invitation comes in the colleague's own language.
	const mail = await latestMail(COLLEAGUE.email);
	expect(mail.subject).toBe(cs.mail_invitation_subject!.replace('{inviter}', OWNER.name).replace('{organisation}', ORGANISATION));
	expect(new URL(mail.link).pathname).toMatch(/^\/cs\/invitations\/[\w-]+$/);

	// Signed out, the link asks to sign in and tells nothing about the organisation.
	await colleague.goto(mail.link);
	await expect(colleague.getByText(cs.invite_signin_text!)).toBeVisible();
	await expect(colleague.getByText(ORGANISATION)).toHaveCount(0);
	await expectAccessible(colleague);

	await signIn(colleague, COLLEAGUE.email, COLLEAGUE.password, 'cs');
	await expect(colleague.getByRole('heading', { level: 1, name: cs.account_title })).toBeVisible();
	await colleague.goto(mail.link);
	await expect(colleague.getByRole('heading', { level: 1, name: cs.invite_join_heading!.replace('{organisation}', ORGANISATION) })).toBeVisible();
	await expectAccessible(colleague);
	await colleague.getByRole('button', { name: cs.invite_accept, exact: true }).click();

	await expect(colleague.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();
	await expect(colleague.getByText(cs.org_welcome!)).toBeVisible();
	const members = colleague.getByRole('region', { name: cs.org_members_heading });
	await expect(members.getByText(OWNER.name)).toBeVisible();
	await expect(members.getByText(COLLEAGUE.name)).toBeVisible();
	// A plain member neither invites nor removes anyone.
	await expect(colleague.getByRole('heading', { name: cs.invite_heading })).toHaveCount(0);
	await expect(colleague.getByRole('button', { name: cs.org_remove!.replace('{name}', OWNER.name) })).toHaveCount(0);
	await expectAccessible(colleague);

	// The colleague lets the leaders count their course progress (in Czech); a member sees no counts.
	const orgUrl = colleague.url();
	await colleague.getByRole('link', { name: cs.learn_team_link }).click();
	await expect(colleague.getByRole('heading', { level: 1, name: cs.learn_team_title!.replace('{organisation}', ORGANISATION) })).toBeVisible();
	await colleague.getByRole('checkbox', { name: cs.learn_team_share_on!.replace('{organisation}', ORGANISATION) }).check();
	await colleague.getByRole('button', { name: cs.learn_team_share_save }).click();
	await expect(colleague.getByRole('status')).toHaveText(cs.learn_team_share_saved!);
	await expect(colleague.getByRole('checkbox', { name: cs.learn_team_share_on!.replace('{organisation}', ORGANISATION) })).toBeChecked();
	await expect(colleague.getByRole('heading', { name: cs.learn_team_counts_heading })).toHaveCount(0);
	await expectAccessible(colleague);
	await colleague.goto(orgUrl);

	// The link is used up.
	await colleague.goto(mail.link);
	await expect(colleague.getByRole('heading', { level: 1, name: cs.link_invalid_title })).toBeVisible();

	await colleague.goto('/cs/organisations');
	await expect(colleague.getByRole('link', { name: ORGANISATION })).toBeVisible();
	await expectAccessible(colleague);
});

test('a stranger gets a 404 and learns nothing; signed out it is a 403', async ({ request }) => {
	const id = organisationUrl.split('/').at(-1)!;
	// The admin is signed in but no member: to them the organisation does not exist.
	const response = await admin.goto(organisationUrl);
	expect(response?.status()).toBe(404);
	const body = await admin.content();
	for (const secret of [ORGANISATION, OWNER.name, COLLEAGUE.name, COLLEAGUE.email]) expect(body).not.toContain(secret);
	await expectAccessible(admin);
	await admin.goto('/en/organisations');
	await expect(admin.getByText(ORGANISATION)).toHaveCount(0);

	// Their actions are refused the same way, whether or not the input is valid.
	const form = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, accept: 'text/html' };
	for (const [action, data] of [
		['invite', 'email=someone%40praxis.test&role=member'],
		['invite', 'email=bad'],
		['leave', ''],
		['remove', 'userId=not-a-uuid'],
		['transfer', 'userId=00000000-0000-0000-0000-000000000000']
	] as const) {
		const posted = await admin.request.post(`${organisationUrl}?/${action}`, { headers: form, data });
		expect(posted.status(), action).toBe(404);
		expect(await posted.text()).not.toContain(ORGANISATION);
	}
	// An organisation that does not exist answers alike.
	expect((await admin.goto('/en/organisations/00000000-0000-0000-0000-000000000000'))?.status()).toBe(404);
	expect((await admin.goto('/en/organisations/not-an-id'))?.status()).toBe(404);

	const signedOut = await request.get(`${BASE_URL}/en/organisations/${id}`);
	expect(signedOut.status()).toBe(403);
	expect(await signedOut.text()).not.toContain(ORGANISATION);
});

test('the owner hands over ownership and leaves; the only owner could not', async () => {
	await owner.goto(organisationUrl);
	// The only owner is told how to leave instead of being offered a button that would refuse…
	await expect(owner.getByText(en.org_error_last_owner!)).toBeVisible();
	await expect(owner.getByRole('button', { name: en.org_leave_submit, exact: true })).toHaveCount(0);
	await expectAccessible(owner);
	// …and the server refuses the request all the same.
	const refused = await owner.request.post(`${organisationUrl}?/leave`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, accept: 'text/html' },
		data: '',
		maxRedirects: 0
	});
	expect(refused.status()).toBe(409);
	expect(await refused.text()).toContain(en.org_error_last_owner!.split('.')[0]);

	await owner.getByLabel(en.org_transfer_field!, { exact: true }).selectOption({ label: `${COLLEAGUE.name} — ${en.org_role_member}` });
	await owner.getByRole('button', { name: en.org_transfer_submit, exact: true }).click();
	await expect(owner.getByText(en.org_transferred!)).toBeVisible();
	await expect(owner.getByText(en.org_your_role!.replace('{role}', en.org_role_leader!))).toBeVisible();

	// Leave with the keyboard.
	await owner.getByRole('button', { name: en.org_leave_submit, exact: true }).focus();
	await owner.keyboard.press('Enter');
	await expect(owner.getByText(en.org_left!)).toBeVisible();
	await expect(owner.getByRole('heading', { name: en.org_none_title })).toBeVisible();
	expect((await owner.goto(organisationUrl))?.status()).toBe(404);

	await colleague.goto(organisationUrl.replace('/en/', '/cs/'));
	await expect(colleague.getByText(cs.org_your_role!.replace('{role}', cs.org_role_owner!))).toBeVisible();
	await expectAccessible(colleague);
});

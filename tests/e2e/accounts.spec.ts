import { BASE_URL } from '../../playwright.config.ts';
import fs from 'node:fs';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { ADMIN, adminPage, ensureAdmin, latestMail, signIn } from './helpers.ts';

// One story, in order: the first admin sets up the account with two-step sign-in, a newcomer
// signs up and confirms through the mail the admin reads in the outbox, and so on.
test.describe.configure({ mode: 'serial' });

const en = messages('en');
const nb = messages('nb');
const NEWCOMER = { name: 'Nora Nordmann', email: 'nora@praxis.test', password: 'fjordlandskap i november', newPassword: 'a brand new passphrase 42' };

test('the first admin sets a password from the operator link and turns on two-step sign-in', async ({ page, browser }) => {
	// The journey and its checks are in ensureAdmin, shared with other specs: whichever needs the
	// admin first walks it, so it runs exactly once per run.
	const secret = await ensureAdmin(browser);
	expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
	// Signed out, the outbox is refused.
	const response = await page.goto('/en/admin/outbox');
	expect(response?.status()).toBe(403);
});

test('a newcomer signs up in Norwegian, confirms the address from the mail, and signs in', async ({ page, browser }) => {
	await page.goto('/nb/signup');
	await expectAccessible(page);
	await page.getByLabel(nb.field_display_name!, { exact: true }).fill(NEWCOMER.name);
	await page.getByLabel(nb.field_email!, { exact: true }).fill(NEWCOMER.email);
	await page.getByLabel(nb.field_password!, { exact: true }).fill(NEWCOMER.password);
	await expect(page.getByText(`${nb.password_strength_label}: ${nb.password_strength_strong}`)).toBeVisible();
	await page.getByLabel(nb.field_country!, { exact: true }).selectOption('NO');
	await page.getByLabel(nb.field_sector!, { exact: true }).selectOption('school');
	const since = Date.now();
	await page.getByRole('button', { name: nb.signup_submit, exact: true }).click();
	await expect(page.getByRole('heading', { name: nb.signup_sent_title })).toBeVisible();

	// Not before the address is confirmed.
	await signIn(page, NEWCOMER.email, NEWCOMER.password, 'nb');
	await expect(page.getByText(nb.signin_not_verified!)).toBeVisible();

	const mail = await latestMail(NEWCOMER.email, since);
	expect(mail.subject).toBe(nb.mail_verify_subject);
	await page.goto(mail.link);
	await page.getByRole('button', { name: nb.verify_submit, exact: true }).click();
	await expect(page.getByText(nb.verify_done!)).toBeVisible();
	// Single use.
	await page.goto(mail.link);
	await expect(page.getByRole('heading', { name: nb.link_invalid_title })).toBeVisible();

	await signIn(page, NEWCOMER.email, NEWCOMER.password, 'nb');
	await expect(page.getByText(nb.account_signed_in_as!.replace('{name}', NEWCOMER.name).replace('{email}', NEWCOMER.email))).toBeVisible();
	await expectAccessible(page);
	await page.goto('/nb/account/security');
	await expect(page.getByRole('heading', { name: nb.devices_heading })).toBeVisible();
	await expect(page.getByText(nb.devices_this!)).toBeVisible();
});

test('a forgotten password is reset from a one-hour link, which ends every session', async ({ page, browser }) => {
	const other = await (await browser.newContext()).newPage();
	await signIn(other, NEWCOMER.email, NEWCOMER.password);
	await expect(other.getByRole('heading', { level: 1, name: en.account_title })).toBeVisible();

	await page.goto('/en/forgot-password');
	await page.getByLabel(en.field_email!, { exact: true }).fill(NEWCOMER.email);
	const since = Date.now();
	await page.getByRole('button', { name: en.forgot_submit, exact: true }).click();
	await expect(page.getByText(en.forgot_sent!)).toBeVisible();
	await expectAccessible(page);

	const mail = await latestMail(NEWCOMER.email, since);
	expect(mail.subject).toBe(nb.mail_reset_subject);
	// The administrator's outbox lists the mail, never its link: the token is the newcomer's key.
	const admin = await adminPage(browser);
	await admin.goto('/en/admin/outbox');
	const listed = admin.locator('.mails li').filter({ hasText: NEWCOMER.email }).first();
	await expect(listed.locator('.subject')).toHaveText(nb.mail_reset_subject!);
	await expect(listed.locator('pre')).toContainText(en.admin_outbox_link_hidden!);
	expect(await admin.content()).not.toContain(new URL(mail.link).pathname);
	await expectAccessible(admin);
	await page.goto(mail.link);
	await page.getByLabel(nb.field_new_password!, { exact: true }).fill(NEWCOMER.newPassword);
	await page.getByLabel(nb.field_confirm_password!, { exact: true }).fill(NEWCOMER.newPassword);
	await page.getByRole('button', { name: nb.reset_submit, exact: true }).click();
	await expect(page.getByText(nb.reset_done!)).toBeVisible();

	// The other browser was signed out.
	const after = await other.goto('/en/account');
	expect(after?.status()).toBe(403);

	await signIn(page, NEWCOMER.email, NEWCOMER.password);
	await expect(page.getByText(en.signin_invalid!)).toBeVisible();
	await signIn(page, NEWCOMER.email, NEWCOMER.newPassword);
	await expect(page.getByRole('heading', { level: 1, name: en.account_title })).toBeVisible();
});

test('a forgotten-password request for an unknown address looks exactly the same', async ({ page }) => {
	await page.goto('/en/forgot-password');
	await page.getByLabel(en.field_email!, { exact: true }).fill('nobody-here@praxis.test');
	await page.getByRole('button', { name: en.forgot_submit, exact: true }).click();
	await expect(page.getByText(en.forgot_sent!)).toBeVisible();
});

test('a member who is not an admin finds no admin area', async ({ page }) => {
	await signIn(page, NEWCOMER.email, NEWCOMER.newPassword);
	const response = await page.goto('/en/admin/outbox');
	expect(response?.status()).toBe(404);
	await expect(page.getByText(NEWCOMER.email)).toHaveCount(0);
});

test('bad sign-up input gets a translated message next to each field and a 4xx', async ({ page, request }) => {
	const cs = messages('cs');
	await page.goto('/cs/signup');
	await page.getByRole('button', { name: cs.signup_submit, exact: true }).click();
	await expect(page.getByText(cs.error_form!)).toBeVisible();
	await expect(page.getByText(cs.error_required!).first()).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel(cs.field_display_name!, { exact: true }).fill('<script>alert(1)</script>');
	await page.getByLabel(cs.field_email!, { exact: true }).fill('not-an-address');
	await page.getByLabel(cs.field_password!, { exact: true }).fill('password1');
	await page.getByRole('button', { name: cs.signup_submit, exact: true }).click();
	// Next to each field (the error summary at the top links to the same messages).
	for (const key of ['error_no_markup', 'error_email_invalid', 'error_password_common'] as const) {
		await expect(page.locator('.field-error', { hasText: cs[key]! })).toBeVisible();
	}
	// What was typed is kept (except the password).
	await expect(page.getByLabel(cs.field_email!, { exact: true })).toHaveValue('not-an-address');

	const origin = new URL(page.url()).origin;
	const long = await request.post('/cs/signup', {
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
		data: `displayName=${'x'.repeat(10_000)}&email=a@b.cz&password=long enough passphrase&locale=xx&country=NO&sector=school`
	});
	expect(long.status()).toBe(400);
	const body = await long.text();
	expect(body).toContain(cs.error_too_long!);
	expect(body).toContain(cs.error_choose!);
});

test('the newcomer edits a private profile and downloads all their data as JSON', async ({ page }) => {
	await signIn(page, NEWCOMER.email, NEWCOMER.newPassword);
	await page.goto('/en/account/profile');
	await expectAccessible(page);
	await page.getByLabel(en.field_bio!, { exact: true }).fill('School counsellor in Hamar, interested in career learning.');
	await page.getByLabel('Norsk bokmål', { exact: true }).check();
	await expect(page.getByLabel(en.field_profile_visible!, { exact: true })).not.toBeChecked();
	await page.getByRole('button', { name: en.profile_submit, exact: true }).click();
	await expect(page.getByText(en.profile_saved!)).toBeVisible();
	await expect(page.getByLabel(en.field_bio!, { exact: true })).toHaveValue('School counsellor in Hamar, interested in career learning.');

	await page.goto('/en/account/data');
	await expectAccessible(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: en.export_submit, exact: true }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^praxis-my-data-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
	expect(data.format).toBe('praxis-personal-data/1');
	expect(data.account.email).toBe(NEWCOMER.email);
	expect(data.account).not.toHaveProperty('passwordHash');
	expect(data.profile).toMatchObject({ displayName: NEWCOMER.name, languages: ['nb'], visibleToMembers: false });
	expect(data.sessions.length).toBeGreaterThan(0);
	expect(data.securityEvents.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['signup', 'signin', 'password_reset']));
	expect(data.mails.map((m: { subject: string }) => m.subject)).toContain(nb.mail_verify_subject);
});

test('an admin finds the newcomer, changes their role, and the security log shows it', async ({ browser }) => {
	const admin = await adminPage(browser);
	await admin.goto('/en/admin/users');
	await admin.getByLabel(en.admin_users_search_label!, { exact: true }).fill('nora');
	await admin.locator('main').getByRole('button', { name: en.admin_users_search_submit, exact: true }).click();
	await expect(admin.getByRole('rowheader', { name: NEWCOMER.email })).toBeVisible();
	await expectAccessible(admin);
	await admin.getByLabel(en.admin_users_role_of!.replace('{name}', NEWCOMER.name)).selectOption('facilitator');
	await admin.getByRole('button', { name: `${en.admin_users_save_role}: ${NEWCOMER.name}` }).click();
	await expect(admin.getByText(en.admin_users_updated!)).toBeVisible();

	await admin.goto('/en/admin/audit?event=role_changed');
	await expectAccessible(admin);
	const row = admin.getByRole('row').filter({ hasText: en.audit_role_changed! });
	await expect(row).toContainText(ADMIN.email);
	await expect(row).toContainText(NEWCOMER.email);
});

test('deleting the account signs the person out for good, and the address can register again', async ({ page, browser }) => {
	await signIn(page, NEWCOMER.email, NEWCOMER.newPassword);
	await page.goto('/en/account/data');
	await page.getByLabel(en.field_current_password!, { exact: true }).fill('not my password');
	await page.getByRole('button', { name: en.delete_submit, exact: true }).click();
	await expect(page.getByText(en.wrong_current_password!)).toBeVisible();
	await page.getByLabel(en.field_current_password!, { exact: true }).fill(NEWCOMER.newPassword);
	await page.getByRole('button', { name: en.delete_submit, exact: true }).click();
	await expect(page.getByRole('heading', { name: en.account_deleted_title })).toBeVisible();
	await expect(page.getByRole('link', { name: en.nav_signin })).toBeVisible();

	await signIn(page, NEWCOMER.email, NEWCOMER.newPassword);
	await expect(page.getByText(en.signin_invalid!)).toBeVisible();

	const admin = await adminPage(browser);
	await admin.goto('/en/admin/audit?event=account_deleted');
	await expect(admin.getByRole('row').filter({ hasText: en.audit_account_deleted! }).first()).toContainText(en.deleted_user!);
	await admin.goto('/en/admin/outbox');
	await expect(admin.getByText(NEWCOMER.email)).toHaveCount(0);

	await page.goto('/en/signup');
	await page.getByLabel(en.field_display_name!, { exact: true }).fill(NEWCOMER.name);
	await page.getByLabel(en.field_email!, { exact: true }).fill(NEWCOMER.email);
	await page.getByLabel(en.field_password!, { exact: true }).fill(NEWCOMER.password);
	await page.getByLabel(en.field_country!, { exact: true }).selectOption('NO');
	await page.getByLabel(en.field_sector!, { exact: true }).selectOption('school');
	const since = Date.now();
	await page.getByRole('button', { name: en.signup_submit, exact: true }).click();
	await expect(page.getByRole('heading', { name: en.signup_sent_title })).toBeVisible();
	const mail = await latestMail(NEWCOMER.email, since);
	// A fresh account (a confirmation link), not the "you already have an account" notice.
	expect(mail.subject).toBe(en.mail_verify_subject);
});

test('repeated wrong passwords are limited with a 429 that does not reveal whether the account exists', async ({ request }) => {
	const post = (email: string) =>
		request.post('/en/signin?/signin', {
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: BASE_URL },
			data: `email=${encodeURIComponent(email)}&password=wrong-password-guess`
		});
	// Earlier tests may have used up some of the newcomer's attempts: count until the limit bites.
	const statuses: Record<string, number[]> = {};
	for (const email of ['limited-unknown@praxis.test', NEWCOMER.email]) {
		statuses[email] = [];
		for (let i = 0; i < 6; i++) {
			const response = await post(email);
			statuses[email]!.push(response.status());
			if (response.status() === 429) {
				expect(await response.text()).toContain(en.error_rate_limited!);
				break;
			}
			expect(await response.text()).toContain(en.signin_invalid!);
		}
		expect(statuses[email]!.at(-1)).toBe(429);
	}
	// The unknown address needed exactly the five attempts any account gets.
	expect(statuses['limited-unknown@praxis.test']).toEqual([400, 400, 400, 400, 400, 429]);
});

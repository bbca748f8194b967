import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { adminPage, ensureAdmin, latestMail, signIn } from './helpers.ts';

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
	await page.getByRole('button', { name: nb.signup_submit, exact: true }).click();
	await expect(page.getByRole('heading', { name: nb.signup_sent_title })).toBeVisible();

	// Not before the address is confirmed.
	await signIn(page, NEWCOMER.email, NEWCOMER.password, 'nb');
	await expect(page.getByText(nb.signin_not_verified!)).toBeVisible();

	const admin = await adminPage(browser);
	const mail = await latestMail(admin, NEWCOMER.email);
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
	await page.getByRole('button', { name: en.forgot_submit, exact: true }).click();
	await expect(page.getByText(en.forgot_sent!)).toBeVisible();
	await expectAccessible(page);

	const admin = await adminPage(browser);
	const mail = await latestMail(admin, NEWCOMER.email);
	expect(mail.subject).toBe(nb.mail_reset_subject);
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
	await expect(page.getByText(cs.error_no_markup!)).toBeVisible();
	await expect(page.getByText(cs.error_email_invalid!)).toBeVisible();
	await expect(page.getByText(cs.error_password_common!)).toBeVisible();
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

test('repeated wrong passwords are limited with a 429 that does not reveal whether the account exists', async ({ request }) => {
	const post = (email: string) =>
		request.post('/en/signin?/signin', {
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: 'http://localhost:3123' },
			data: `email=${encodeURIComponent(email)}&password=wrong-password-guess`
		});
	for (const email of ['limited-unknown@praxis.test', NEWCOMER.email]) {
		for (let i = 0; i < 5; i++) expect((await post(email)).status()).toBe(400);
		const limited = await post(email);
		expect(limited.status()).toBe(429);
		expect(await limited.text()).toContain(en.error_rate_limited!);
	}
});

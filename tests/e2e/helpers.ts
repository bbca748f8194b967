import * as OTPAuth from 'otpauth';
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { BASE_URL, MAIL_SINK_URL } from '../../playwright.config.ts';
import { expect, expectAccessible, messages, test, type Locale } from './fixtures.ts';
import type { ReceivedMail } from './mail-sink.ts';

// Journeys that more than one spec needs. The first administrator exists once per run (created by
// the web server command in playwright.config.ts); whichever spec needs them first sets them up,
// and the others reuse that through a file, because specs run in parallel worker processes.

const en = messages('en');
export const ADMIN = { email: 'admin@praxis.test', password: 'a long admin passphrase 2026' };
const OPERATOR_LINK_FILE = '.e2e-data-admin.txt';
const TOTP_FILE = '.e2e-data-admin-totp.txt';
const LOCK_FILE = '.e2e-data-admin.lock';
// The admin's signed-in browser state (cookies), shared by every spec: a TOTP code counts once, so
// the workers cannot each sign in with the code of the same 30-second window.
const STATE_FILE = '.e2e-data-admin-state.json';

export function totpNow(secret: string): string {
	return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
}

export async function signIn(page: Page, email: string, password: string, locale: Locale = 'en') {
	const m = messages(locale);
	await page.goto(`/${locale}/signin`);
	await page.getByLabel(m.field_email!, { exact: true }).fill(email);
	await page.getByLabel(m.field_password!, { exact: true }).fill(password);
	await page.getByRole('button', { name: m.signin_submit, exact: true }).click();
}

/** The set-password link `admin:create` printed for this run's server. */
function operatorLink(): string {
	return fs.readFileSync(OPERATOR_LINK_FILE, 'utf8').match(/https?:\/\/\S+/)![0];
}

/** The admin's TOTP secret if this run's admin is set up (a file from an earlier run does not count). */
function storedSecret(link: string): string | undefined {
	try {
		const stored = JSON.parse(fs.readFileSync(TOTP_FILE, 'utf8')) as { link: string; secret: string };
		return stored.link === link && fs.existsSync(STATE_FILE) ? stored.secret : undefined;
	} catch {
		return undefined;
	}
}

/** Takes the set-up lock for this run; false if another worker holds it. */
function takeLock(link: string): boolean {
	try {
		fs.writeFileSync(LOCK_FILE, link, { flag: 'wx' });
		return true;
	} catch {
		// A lock left by an earlier run is stale: replace it.
		if (fs.readFileSync(LOCK_FILE, 'utf8') === link) return false;
		fs.rmSync(LOCK_FILE, { force: true });
		return takeLock(link);
	}
}

/**
 * The first admin's journey: a password from the operator's link, then two-step sign-in (the
 * admin's rights wait until it is on). Returns the TOTP secret.
 */
async function setUpAdmin(page: Page, link: string): Promise<string> {
	await page.goto(link);
	await page.getByLabel(en.field_new_password!, { exact: true }).fill(ADMIN.password);
	await page.getByLabel(en.field_confirm_password!, { exact: true }).fill(ADMIN.password);
	await page.getByRole('button', { name: en.reset_submit, exact: true }).click();
	await expect(page.getByText(en.reset_done!)).toBeVisible();
	await expectAccessible(page);

	await signIn(page, ADMIN.email, ADMIN.password);
	await expect(page.getByRole('heading', { level: 1, name: en.account_title })).toBeVisible();

	// Without a second factor the admin's rights wait.
	const denied = await page.goto('/en/admin/outbox');
	expect(denied?.status()).toBe(403);
	await expect(page.getByText(en.admin_needs_second_factor!)).toBeVisible();

	await page.goto('/en/account/security');
	await page.getByRole('button', { name: en.totp_start, exact: true }).click();
	await expect(page.getByRole('img', { name: en.totp_qr_alt })).toBeVisible();
	const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
	await expectAccessible(page);
	await page.getByLabel(en.totp_code!, { exact: true }).fill('000000');
	await page.getByRole('button', { name: en.totp_confirm, exact: true }).click();
	await expect(page.getByText(en.totp_wrong!)).toBeVisible();
	await page.getByLabel(en.totp_code!, { exact: true }).fill(totpNow(secret));
	await page.getByRole('button', { name: en.totp_confirm, exact: true }).click();
	await expect(page.getByRole('heading', { name: en.totp_recovery_heading })).toBeVisible();
	await expect(page.locator('.codes li')).toHaveCount(10);
	// This session has now used its second factor: it is the admin's session for every spec.
	await page.context().storageState({ path: STATE_FILE });
	return secret;
}

/**
 * Makes sure this run's first admin has a password and two-step sign-in, doing the set-up once
 * across all workers; returns the TOTP secret.
 */
export async function ensureAdmin(browser: Browser): Promise<string> {
	const link = operatorLink();
	const known = storedSecret(link);
	if (known) return known;
	// Setting the admin up (or waiting for the worker that does) is a journey of its own, on top of
	// the test that needed it first.
	test.info().setTimeout(test.info().timeout + 60_000);
	if (takeLock(link)) {
		const context = await browser.newContext();
		try {
			const secret = await setUpAdmin(await context.newPage(), link);
			fs.writeFileSync(TOTP_FILE, JSON.stringify({ link, secret }));
			return secret;
		} finally {
			await context.close();
		}
	}
	// Another worker is setting the admin up: wait for it.
	for (let waited = 0; waited < 60_000; waited += 250) {
		const secret = storedSecret(link);
		if (secret) return secret;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error('the admin was not set up by the worker holding the lock');
}

/**
 * A page in a new browser context, signed in as the admin with both steps: the session the set-up
 * made (signing in again would need a fresh TOTP code, and each code counts only once).
 */
export async function adminPage(browser: Browser): Promise<Page> {
	await ensureAdmin(browser);
	const page = await (await browser.newContext({ storageState: STATE_FILE })).newPage();
	await page.goto('/en/account');
	await expect(page.getByRole('heading', { level: 1, name: en.account_title })).toBeVisible();
	return page;
}

/**
 * The newest mail to `to` that the suite's mail server (tests/e2e/mail-sink.ts) received at or
 * after `since` (a Date.now() taken before the action that sends it), with `subject` if given: its
 * subject and its link.
 * Mail leaves through the event dispatcher after commit, so this waits for it.
 */
export async function latestMail(to: string, since = 0, subject?: string): Promise<{ subject: string; link: string; text: string }> {
	let found: ReceivedMail | undefined;
	await expect
		.poll(
			async () => {
				const mails = (await (await fetch(`${MAIL_SINK_URL}/mails?to=${encodeURIComponent(to)}`)).json()) as ReceivedMail[];
				found = mails.find((mail) => Date.parse(mail.receivedAt) >= since && (subject === undefined || mail.subject === subject));
				return found !== undefined;
			},
			{ message: `a mail to ${to}`, timeout: 15_000 }
		)
		.toBe(true);
	return { subject: found!.subject, text: found!.text, link: found!.text.match(/https?:\/\/\S+/)![0] };
}

export type Person = { name: string; email: string; password: string; locale: Locale };

/**
 * Signs a person up through the form and confirms their address with the link from the outbox.
 * Sign-up is limited to 5 per address of origin and hour, across the whole run: use sparingly.
 */
export async function signUpAndVerify(page: Page, person: Person): Promise<void> {
	const m = messages(person.locale);
	await page.goto(`/${person.locale}/signup`);
	await page.getByLabel(m.field_display_name!, { exact: true }).fill(person.name);
	await page.getByLabel(m.field_email!, { exact: true }).fill(person.email);
	await page.getByLabel(m.field_password!, { exact: true }).fill(person.password);
	await page.getByLabel(m.field_locale!, { exact: true }).selectOption(person.locale);
	await page.getByLabel(m.field_country!, { exact: true }).selectOption('other');
	await page.getByLabel(m.field_sector!, { exact: true }).selectOption('school');
	const since = Date.now();
	await page.getByRole('button', { name: m.signup_submit, exact: true }).click();
	await expect(page.getByRole('heading', { name: m.signup_sent_title })).toBeVisible();

	const mail = await latestMail(person.email, since);
	expect(mail.subject).toBe(m.mail_verify_subject);
	await page.goto(mail.link);
	await page.getByRole('button', { name: m.verify_submit, exact: true }).click();
	await expect(page.getByText(m.verify_done!)).toBeVisible();
}

/**
 * A form action posted as the page's own script posts it (SvelteKit's enhanced forms): same origin,
 * answered with the action's result as JSON. Cookies it sets land in the page's browser context.
 */
async function postAction(page: Page, address: string, form: Record<string, string>): Promise<{ type: string; location?: string }> {
	const response = await page.request.post(address, {
		form,
		headers: { origin: BASE_URL, accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	expect(response.status(), `${address}: ${await response.text()}`).toBe(200);
	return (await response.json()) as { type: string; location?: string };
}

/**
 * The account signUpAndVerify makes, made through the same endpoints without opening their pages
 * (for the many specs that need a member and are about something else): the sign-up form's post
 * and the confirmation link from the mail. The forms themselves, their messages and their
 * accessibility are walked in accounts.spec.ts and, through signUpAndVerify, organisations.spec.ts.
 */
export async function signUpThroughEndpoints(page: Page, person: Person): Promise<void> {
	const m = messages(person.locale);
	const since = Date.now();
	const signedUp = await postAction(page, `/${person.locale}/signup`, {
		displayName: person.name,
		email: person.email,
		password: person.password,
		locale: person.locale,
		country: 'other',
		sector: 'school'
	});
	expect(signedUp.type).toBe('success');
	const mail = await latestMail(person.email, since);
	expect(mail.subject).toBe(m.mail_verify_subject);
	// Whether the link confirmed the address shows at sign-in, which refuses an unconfirmed one.
	expect((await postAction(page, mail.link, {})).type).toBe('success');
}

/**
 * signUpThroughEndpoints, then the sign-in form's post, whose session cookie the page's browser
 * context keeps: the person ends signed in, on their account page.
 */
export async function signUpAndSignIn(page: Page, person: Person): Promise<void> {
	await signUpThroughEndpoints(page, person);
	const signedIn = await postAction(page, `/${person.locale}/signin?/signin`, { email: person.email, password: person.password });
	// Refused (unconfirmed, wrong password, limited), it would be a failure, not a redirect.
	expect(signedIn).toMatchObject({ type: 'redirect', location: `/${person.locale}/account` });
	await page.goto(signedIn.location!);
	await expect(page.getByRole('heading', { level: 1, name: messages(person.locale).account_title })).toBeVisible();
}

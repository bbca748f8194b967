import type { Page } from '@playwright/test';
import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { signUpAndSignIn, type Person } from './helpers.ts';

const en = messages('en');
const FACILITATOR: Person = { name: 'Liv Live', email: 'liv.live@praxis.test', password: 'a long live-session phrase', locale: 'en' };
// Shown in the order of the list they are chosen from.
const FIRST = { title: 'More than a career question', question: 'Where does your mandate as a careers adviser end in this conversation?', twist: 'What if Jonas asks you not to tell anyone and says he only trusts you?' };
const SECOND = { title: 'A parent wants to know what was said', question: 'What can you tell the father, and what belongs to Sara?' };
// A button named by its action and, for screen readers, what it acts on (“Remove: Ada”).
const about = (action: string, what: string) => new RegExp(`^${action}\\s*: ${what.replace(/[.?]/g, '\\$&')}$`);
const fill = (text: string, values: Record<string, string>) => Object.entries(values).reduce((t, [k, v]) => t.replace(`{${k}}`, v), text);

// A facilitator and two participants in three browser contexts. The participants' screens follow
// the session without a reload: every check on their pages after the first load happens while
// the page stays as it is (the test fails if a participant's page navigates by itself).
test('a facilitator runs a live session: two participants join by code, answer, see the results and the twist, follow to the next card, one is removed, the session ends', async ({ browser, page: facilitator }) => {
	test.setTimeout(240_000);
	facilitator.setDefaultTimeout(20_000);
	await signUpAndSignIn(facilitator, FACILITATOR);

	// The cards page offers a live session; the facilitator picks two cards.
	await facilitator.goto('/en/cards');
	await facilitator.getByRole('link', { name: en.cards_live_run }).click();
	await expect(facilitator.getByRole('heading', { level: 1 })).toHaveText(en.cards_live_new_title!);
	await expectAccessible(facilitator);
	await facilitator.getByLabel(FIRST.title).check();
	await facilitator.getByLabel(SECOND.title).check();
	await facilitator.getByLabel(en.cards_live_anonymous!).uncheck();
	await facilitator.getByRole('button', { name: en.cards_live_create }).click();
	await expect(facilitator).toHaveURL(/\/en\/cards\/live\/[0-9a-f-]{36}$/);
	const code = (await facilitator.getByTestId('join-code').textContent())!.trim();
	expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
	await expectAccessible(facilitator);
	const control = facilitator.url();

	// The presenter view, in a second tab of the facilitator's: the code large, a QR code.
	const presenter = await facilitator.context().newPage();
	await presenter.goto(`${control}/present`);
	await expect(presenter.getByTestId('present-code')).toHaveText(code);
	await expect(presenter.getByRole('img', { name: /QR code/ })).toBeVisible();
	await expectAccessible(presenter);

	// Two participants without accounts: one types the code at /join, one opens the join link.
	const ada = await (await browser.newContext()).newPage();
	await ada.goto('/en/join');
	await ada.getByLabel(en.cards_live_code!).fill(code.toLowerCase());
	await ada.getByRole('button', { name: en.cards_live_continue }).click();
	await expect(ada).toHaveURL(new RegExp(`/en/join/${code}$`));
	await ada.getByLabel(en.cards_live_display_name!).fill('Ada');
	await ada.getByRole('button', { name: en.cards_live_join_button }).click();
	await expect(ada.getByRole('heading', { name: en.cards_live_waiting })).toBeVisible();
	await expectAccessible(ada);

	const bo = await (await browser.newContext()).newPage();
	await bo.goto(`/join/${code}`);
	await bo.getByLabel(en.cards_live_display_name!).fill('Bo');
	await bo.getByRole('button', { name: en.cards_live_join_button }).click();
	await expect(bo.getByRole('heading', { name: en.cards_live_waiting })).toBeVisible();

	// From here on the participants' pages are never reloaded.
	const navigations = { ada: 0, bo: 0 };
	const count = (name: keyof typeof navigations, page: Page) => page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations[name]++);
	count('ada', ada);
	count('bo', bo);
	// The live part is connected (the "refresh to update" note goes away).
	await expect(ada.getByText(en.cards_live_refresh_note!)).toBeHidden();
	await expect(bo.getByText(en.cards_live_refresh_note!)).toBeHidden();

	// Both appear on the control view without a reload of it either.
	await expect(facilitator.getByRole('button', { name: about(en.cards_live_remove!, 'Ada') })).toBeVisible();
	await expect(facilitator.getByRole('button', { name: about(en.cards_live_remove!, 'Bo') })).toBeVisible();

	// The first card: the participants' screens follow, focus moves to the card's title.
	await facilitator.getByRole('button', { name: en.cards_live_start }).click();
	await expect(ada.getByRole('heading', { name: FIRST.title })).toBeVisible();
	await expect(ada.getByRole('heading', { name: FIRST.title })).toBeFocused();
	await expect(ada.getByRole('status').filter({ hasText: FIRST.question })).toBeAttached();
	await expect(bo.getByRole('heading', { name: FIRST.title })).toBeVisible();
	expect(navigations).toEqual({ ada: 0, bo: 0 });
	await expectAccessible(ada);

	// Both answer in free text (a form post re-renders their page).
	await ada.getByLabel(FIRST.question).fill('Where his health comes in: then I help him reach the right service.');
	await ada.getByRole('button', { name: en.cards_live_send_answer }).click();
	await expect(ada.getByText(en.cards_live_answer_saved!)).toBeVisible();
	await bo.getByLabel(FIRST.question).fill('Ask Jonas whether he is safe tonight.');
	await bo.getByRole('button', { name: en.cards_live_send_answer }).click();
	await expect(bo.getByText(en.cards_live_answer_saved!)).toBeVisible();
	let afterAnswers = { ...navigations };
	await expect(facilitator.getByTestId('answer-count')).toHaveText(fill(en.cards_live_answer_count!, { count: '2', participants: '2' }));
	await expect(presenter.getByTestId('present-count')).toContainText(fill(en.cards_live_answer_count!, { count: '2', participants: '2' }));

	// The facilitator hides Bo's answer and reveals: Ada sees only her own, without a reload.
	await facilitator.getByRole('button', { name: about(en.cards_live_hide_answer!, 'Ask Jonas whether he is safe tonight.') }).click();
	await facilitator.getByRole('button', { name: en.cards_live_reveal }).click();
	await expect(ada.getByText('Where his health comes in: then I help him reach the right service.')).toBeVisible();
	await expect(ada.getByText(en.cards_live_results_shown!)).toBeAttached();
	await expect(ada.getByText('Ask Jonas whether he is safe tonight.')).toHaveCount(0);
	expect(navigations).toEqual(afterAnswers);
	await expectAccessible(ada);
	await expectAccessible(presenter);

	// The twist reaches everyone.
	await facilitator.getByRole('button', { name: en.cards_live_twist }).click();
	await expect(ada.getByText(FIRST.twist)).toBeVisible();
	await expect(bo.getByText(FIRST.twist)).toBeVisible();
	await expect(presenter.getByText(FIRST.twist)).toBeVisible();

	// The next card, answered on the agree–disagree scale; the results as bars and a table.
	await facilitator.getByRole('button', { name: en.cards_live_next_card }).click();
	await facilitator.getByLabel(en.cards_live_choose_form!).selectOption('scale');
	await facilitator.getByRole('button', { name: en.cards_live_save_form }).click();
	await expect(ada.getByRole('heading', { name: SECOND.title })).toBeVisible();
	await expect(bo.getByRole('heading', { name: SECOND.title })).toBeVisible();
	await expect(ada.getByRole('group', { name: SECOND.question })).toBeVisible();
	await ada.getByLabel(en.cards_live_scale_4!).check();
	await ada.getByRole('button', { name: en.cards_live_send_answer }).click();
	await expect(ada.getByText(en.cards_live_answer_saved!)).toBeVisible();
	await bo.getByLabel(en.cards_live_scale_2!).check();
	await bo.getByRole('button', { name: en.cards_live_send_answer }).click();
	await expect(bo.getByText(en.cards_live_answer_saved!)).toBeVisible();
	afterAnswers = { ...navigations };
	await facilitator.getByRole('button', { name: en.cards_live_reveal }).click();
	const table = ada.getByRole('table', { name: SECOND.question });
	await expect(table.getByRole('row', { name: `${en.cards_live_scale_4} 1` })).toBeVisible();
	await expect(table.getByRole('row', { name: `${en.cards_live_scale_2} 1` })).toBeVisible();
	await expect(table.getByRole('row', { name: `${en.cards_live_scale_1} 0` })).toBeVisible();
	await expectAccessible(ada);

	// The facilitator removes Bo: his screen says so, without a reload.
	await facilitator.getByRole('button', { name: about(en.cards_live_remove!, 'Bo') }).click();
	await expect(bo.getByRole('heading', { name: en.cards_live_removed })).toBeVisible();

	// The end reaches Ada.
	await facilitator.getByRole('button', { name: en.cards_live_end }).click();
	await expect(ada.getByRole('heading', { name: en.cards_live_ended })).toBeVisible();
	// Only the answer posts navigated the participants' pages: everything else arrived live.
	expect(navigations).toEqual(afterAnswers);

	// The summary: both cards with their answers, printable, and the CSV.
	await facilitator.goto(`${control}/summary`);
	await expect(facilitator.getByRole('heading', { level: 2, name: FIRST.title })).toBeVisible();
	await expect(facilitator.getByText('Where his health comes in: then I help him reach the right service.')).toBeVisible();
	await expectAccessible(facilitator);
	const csv = await facilitator.request.get(`${control}/export`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text).toContain(FIRST.question);
	expect(text).toContain(`"${SECOND.question}",${en.cards_live_form_scale},4,1`);

	// Someone else cannot see the session.
	const stranger = await (await browser.newContext()).newPage();
	expect((await stranger.request.get(control)).status()).toBe(403);
	expect((await ada.request.get(`${control}/events`)).status()).toBe(403);
});

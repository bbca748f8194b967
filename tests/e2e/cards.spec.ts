import { expect, expectAccessible, messages, test } from './fixtures.ts';
import { signUpAndSignIn, type Person } from './helpers.ts';

const en = messages('en');
const CARD = { slug: 'parent-asks-what-was-said', title: 'A parent wants to know what was said', nb: 'En forelder vil vite hva som ble sagt' };

// axe runs inside the page, so it cannot run where JavaScript is off: the no-JavaScript walk checks
// behaviour, and each page it visits is scanned with JavaScript on in the test's own `page`.
test('a visitor browses the decks, opens a card, reveals its twist, draws at random and prints a sheet — without JavaScript', async ({ browser, page: scanner }) => {
	test.setTimeout(150_000);
	const scanned = async (url: string) => {
		await scanner.goto(url);
		await expectAccessible(scanner);
	};
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/en/cards');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.cards_title!);
	for (const deck of ['situations', 'competence', 'relation', 'reflection']) await expect(page.getByRole('link', { name: en[`cards_deck_${deck}`], exact: true })).toBeVisible();
	await scanned(page.url());

	// Browse by guideline and sector.
	await page.getByLabel(en.cards_filter_guideline!).selectOption('8');
	await page.getByLabel(en.cards_filter_sector!).selectOption('school');
	await page.getByRole('button', { name: en.cards_filter_submit }).click();
	await expect(page).toHaveURL(/guideline=8/);
	await expect(page.getByRole('link', { name: CARD.title })).toBeVisible();
	await expect(page.getByRole('link', { name: 'The placement target' })).toHaveCount(0);
	await scanned(page.url());

	// The card page: its situation, questions, links to the guidelines and steps; "What if?" folded away.
	await page.getByRole('link', { name: CARD.title }).click();
	await expect(page).toHaveURL(new RegExp(`/en/cards/${CARD.slug}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(CARD.title);
	const twist = page.getByText('What if Sara has said she feels unsafe');
	await expect(twist).toBeHidden();
	await page.getByText(en.cards_what_if!, { exact: true }).click();
	await expect(twist).toBeVisible();
	await expect(page.getByRole('link', { name: 'Guideline 8' })).toHaveAttribute('href', '/en/frameworks/ethical-guidelines/guideline-8');
	await expect(page.getByRole('link', { name: en.cards_step_obligations })).toHaveAttribute('href', '/en/frameworks/ethical-guidelines/step-obligations');
	await expect(page.getByText(en.cards_own_writing!)).toBeVisible();
	await expect(page.getByText(new RegExp(`Praxis\\. “${CARD.title}” \\(ethics card\\)\\. http.*/en/cards/${CARD.slug}`))).toBeVisible();
	await scanned(page.url());

	// The same card in Norwegian, at its own address.
	await page.goto(`/nb/cards/${CARD.slug}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(CARD.nb);

	// Drawing at random from a one-question deck lands on a card of that deck.
	await page.goto('/en/cards/random?deck=relation');
	await expect(page).toHaveURL(/\/en\/cards\/relation-\d+$/);
	await expect(page.getByText(en.cards_deck_relation!, { exact: true }).first()).toBeVisible();
	await scanned(page.url());

	// The printable sheet: every situation card, laid out to cut.
	await page.goto('/en/cards/print?deck=situations');
	expect(await page.locator('.sheet > li').count()).toBeGreaterThanOrEqual(24);
	await scanned(page.url());
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
	await expect(page.getByRole('heading', { name: CARD.title })).toBeVisible();
	await context.close();
});

test('cards are found by search and on the home page', async ({ page }) => {
	await page.goto('/en');
	await page.locator('#main').getByRole('link', { name: en.home_now_cards_title, exact: true }).click();
	await expect(page).toHaveURL(/\/en\/cards$/);
	await page.goto('/en/search?q=chatbot&type=card');
	await expect(page.getByRole('link', { name: 'The new chatbot' })).toBeVisible();
	await expectAccessible(page);
});

test('a member walks the reflection model on a card: drafts saved as they type, a plain form without JavaScript, listed and deleted', async ({ browser, page }) => {
	test.setTimeout(180_000);
	const person: Person = { name: 'Rita Reflector', email: 'rita.reflector@praxis.test', password: 'a long reflecting phrase', locale: 'en' };
	await signUpAndSignIn(page, person);

	await page.goto(`/en/cards/${CARD.slug}`);
	await page.getByRole('link', { name: en.cards_reflect }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Reflect: ${CARD.title}`);
	await expectAccessible(page);
	// Typed, not submitted: the draft is saved, and a reload keeps it.
	await page.getByLabel(en.cards_prompt_challenge!).fill('Whose information is this: Sara’s or her father’s?');
	await expect(page.getByText(en.cards_draft_saved!)).toBeVisible();
	await page.reload();
	await expect(page.getByLabel(en.cards_prompt_challenge!)).toHaveValue('Whose information is this: Sara’s or her father’s?');

	// Without JavaScript the form posts and saves.
	const state = await page.context().storageState();
	const plain = await browser.newContext({ javaScriptEnabled: false, storageState: state });
	const noJs = await plain.newPage();
	await noJs.goto(`/en/cards/${CARD.slug}/reflect`);
	await noJs.getByLabel(en.cards_prompt_support!).fill('My team leader and the school nurse.');
	await noJs.getByRole('button', { name: en.cards_reflect_save }).click();
	await expect(noJs.getByText(en.cards_reflect_saved!)).toBeVisible();
	await expect(noJs.getByLabel(en.cards_prompt_challenge!)).toHaveValue('Whose information is this: Sara’s or her father’s?');
	await plain.close();

	// Listed privately, then deleted.
	await page.goto('/en/cards/reflections');
	await expect(page.getByRole('link', { name: CARD.title })).toBeVisible();
	await expect(page.getByText('2 of 8 steps written')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole("button", { name: new RegExp(`^${en.cards_reflections_delete} ?: ${CARD.title}$`) }).click();
	await expect(page.getByText(en.cards_reflections_deleted!)).toBeVisible();
	await expect(page.getByRole('heading', { name: en.cards_reflections_empty_title })).toBeVisible();
});

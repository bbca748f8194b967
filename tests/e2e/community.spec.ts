import { FORM_HEADERS } from './outside-in.ts';
import { png } from '../helpers/images.ts';
import { expect, expectAccessible, expectAccessibleWithoutScript, messages, test } from './fixtures.ts';
import { adminPage, latestMail, signUpAndSignIn, type Person } from './helpers.ts';

// Two practitioners in two browsers: one starts a discussion in an open space, the other opens it,
// and a reply that mentions them appears on their page without a reload and raises a
// notification, and the digest mail with its unsubscribe link. An organisation's private space
// answers a stranger with the same 404 as a discussion that does not exist.

const en = messages('en');
const ANA: Person = { name: 'Ana Writer', email: 'ana.community@praxis.test', password: 'talking shop with peers 2026', locale: 'en' };
const BEN: Person = { name: 'Ben Reader', email: 'ben.community@praxis.test', password: 'listening to colleagues 2026', locale: 'en' };

test('a reply appears live on another reader’s page, a mention notifies, a private space is a 404 to a stranger', async ({ browser }) => {
	test.setTimeout(240_000);
	const ana = await (await browser.newContext()).newPage();
	const ben = await (await browser.newContext()).newPage();
	await signUpAndSignIn(ana, ANA);
	await signUpAndSignIn(ben, BEN);

	// Ana starts a discussion in the ethics space.
	await ana.goto('/en/community');
	await expect(ana.getByRole('heading', { level: 1, name: en.community_title })).toBeVisible();
	await expectAccessible(ana);
	await ana.getByRole('link', { name: 'Ethics in guidance' }).click();
	await expectAccessible(ana);
	await ana.getByRole('link', { name: en.community_new_thread }).click();
	await ana.getByLabel(en.community_field_title!, { exact: true }).fill('When a parent asks what their child said');
	await ana.getByLabel(en.community_field_body!, { exact: true }).fill('How do you keep **confidentiality** with pupils of fourteen?');
	await expectAccessible(ana);
	await ana.getByRole('button', { name: en.community_post_thread }).click();
	await expect(ana.getByRole('heading', { level: 1, name: 'When a parent asks what their child said' })).toBeVisible();
	await expect(ana.locator('.thread strong', { hasText: 'confidentiality' })).toBeVisible();
	const threadUrl = ana.url();

	// Ben opens it and keeps the page open. The page's one event stream also carries Ben's own
	// channel, so his bell opens no stream of its own here.
	const bellStreams: string[] = [];
	ben.on('request', (request) => {
		if (new URL(request.url()).pathname.endsWith('/notifications/events')) bellStreams.push(ben.url());
	});
	const unreadName = (count: number) => en.community_bell_unread!.replace('{count}', String(count));
	await ben.goto(threadUrl);
	await expect(ben.getByRole('link', { name: en.community_bell, exact: true })).toBeVisible();
	await expect(ben.getByRole('heading', { level: 1, name: 'When a parent asks what their child said' })).toBeVisible();
	await expect(ben.locator('section[data-connected="true"]')).toBeAttached({ timeout: 15_000 });
	await expectAccessible(ben);

	// Ana replies and mentions Ben: the reply appears on Ben's page without a reload, and is announced.
	await ana.getByLabel(en.community_field_body!, { exact: true }).fill(`@${BEN.name} what would you tell the parent?`);
	await ana.getByRole('button', { name: en.community_post_reply }).click();
	await expect(ana.locator('article.post', { hasText: 'what would you tell the parent?' })).toBeVisible();
	const live = ben.locator('article.post', { hasText: 'what would you tell the parent?' });
	await expect(live).toBeVisible({ timeout: 20_000 });
	await expect(live.getByText(ANA.name)).toBeVisible();
	await expect(ben.locator('[data-live-status]')).toHaveText(en.community_live_new_reply!.replace('{name}', ANA.name));
	// The mention raises Ben's bell on the same page, without a reload, and says so politely.
	await expect(ben.getByRole('link', { name: unreadName(1), exact: true })).toBeVisible({ timeout: 20_000 });
	await expect(ben.locator('[data-bell-status]')).toHaveText(unreadName(1));
	await expect(ben.locator('[data-bell-status]')).toHaveAttribute('aria-live', 'polite');
	expect(bellStreams).toEqual([]);
	await expectAccessible(ben);

	// The mention is waiting in Ben's notifications; marking it read empties the list of new ones.
	await ben.goto('/en/notifications');
	// The header's bell counts it on every page.
	const unread = new RegExp(`^${en.community_bell_unread!.replace('{count}', '\\d+')}$`);
	await expect(ben.getByRole('link', { name: unread })).toBeVisible();
	const notice = ben.getByRole('listitem').filter({ hasText: en.community_notification_mention!.replace('{name}', ANA.name) });
	await expect(notice).toBeVisible();
	await expect(notice.getByRole('link', { name: 'When a parent asks what their child said' })).toBeVisible();
	await expectAccessible(ben);

	// The mention not yet read goes out in Ben's digest (the suite sweeps every two seconds), with a
	// link that changes his community mail without signing in.
	const digest = await latestMail(BEN.email, 0, en.mail_digest_subject);
	expect(digest.text).toContain(en.mail_digest_line_mention!.replace('{author}', ANA.name).replace('{title}', 'When a parent asks what their child said').replace('{space}', 'Ethics in guidance'));
	const unsubscribe = /https?:\/\/\S+\/unsubscribe\/\S+/.exec(digest.text)![0];
	const stranger = await (await browser.newContext()).newPage();
	await stranger.goto(unsubscribe);
	await expect(stranger.getByRole('heading', { level: 1, name: en.community_unsubscribe_title })).toBeVisible();
	await expect(stranger.getByText('be…@praxis.test')).toBeVisible();
	await expectAccessible(stranger);
	await stranger.getByRole('button', { name: en.community_unsubscribe_stop }).click();
	await expect(stranger.getByRole('status')).toHaveText(en.community_unsubscribe_stopped!);
	await expect(stranger.getByRole('radio', { name: en.community_mail_digest_off })).toBeChecked();
	await expect(stranger.getByRole('button', { name: en.community_unsubscribe_stop })).toHaveCount(0);
	await stranger.context().close();
	// A link with any other key is a 404.
	expect((await ben.request.get(unsubscribe.replace(/\/unsubscribe\/.*/, `/unsubscribe/${'A'.repeat(32)}`))).status()).toBe(404);

	// Ben sees the change on his notifications page and chooses a daily digest and mail for mentions.
	await ben.reload();
	await expect(ben.getByRole('radio', { name: en.community_mail_digest_off })).toBeChecked();
	await ben.getByRole('radio', { name: en.community_mail_digest_daily }).check();
	await ben.getByRole('checkbox', { name: en.community_mail_mention }).check();
	await ben.getByRole('button', { name: en.community_mail_save }).click();
	await expect(ben.getByRole('status')).toHaveText(en.community_mail_saved!);
	await expect(ben.getByRole('radio', { name: en.community_mail_digest_daily })).toBeChecked();
	await expect(ben.getByRole('checkbox', { name: en.community_mail_mention })).toBeChecked();
	await expectAccessible(ben);
	await ben.getByRole('button', { name: en.community_notifications_read_all }).click();
	await expect(ben.getByText(en.community_notifications_new!)).toHaveCount(0);
	await expect(ben.getByRole('link', { name: en.community_bell, exact: true })).toBeVisible();

	// On a page without a stream of its own the bell follows Ben's channel itself: Ana mentions him
	// again and the count rises without a reload. His channel is his session's alone: signed out, 403.
	expect(bellStreams.length).toBeGreaterThan(0);
	await expect(ben.locator('a[data-bell][data-connected="true"]')).toBeAttached({ timeout: 15_000 });
	await ana.getByLabel(en.community_field_body!, { exact: true }).fill(`Thanks — and @${BEN.name}, one more thought.`);
	await ana.getByRole('button', { name: en.community_post_reply }).click();
	await expect(ana.locator('article.post', { hasText: 'one more thought' })).toBeVisible();
	await expect(ben.getByRole('link', { name: unreadName(1), exact: true })).toBeVisible({ timeout: 20_000 });
	await expect(ben.locator('[data-bell-status]')).toHaveText(unreadName(1));
	await expect(ben.getByText(en.community_notifications_new!)).toHaveCount(0);
	expect((await ben.request.get('/en/notifications/unread')).status()).toBe(200);
	expect(await (await ben.request.get('/en/notifications/unread')).json()).toEqual({ count: 1 });
	const signedOut = await (await browser.newContext()).newPage();
	expect((await signedOut.request.get('/en/notifications/events', { maxRedirects: 0 })).status()).toBe(403);
	expect((await signedOut.request.get('/en/notifications/unread', { maxRedirects: 0 })).status()).toBe(403);
	await signedOut.context().close();

	// Ben thanks Ana for the thread: a toggle button that now counts one and is pressed. Opening
	// the thread read its notice, and the bell says so at once.
	await ben.goto(threadUrl);
	await expect(ben.getByRole('link', { name: en.community_bell, exact: true })).toBeVisible();
	const thanks = (count: number) => en.community_reaction_count!.replace('{reaction}', en.community_reaction_thanks!).replace('{count}', String(count));
	await ben.getByRole('button', { name: thanks(0) }).first().click();
	await expect(ben.getByRole('button', { name: thanks(1) })).toHaveAttribute('aria-pressed', 'true');
	await expectAccessible(ben);

	// Ana's organisation has a private space; to Ben it is the same 404 as a discussion that does not exist.
	const created = await ana.request.post('/en/organisations?/create', {
		headers: FORM_HEADERS,
		data: new URLSearchParams({ name: 'Ana’s guidance centre', sector: 'school', country: 'NO', description: '' }).toString(),
		maxRedirects: 0
	});
	expect(created.status()).toBe(303);
	const organisationId = /\/organisations\/([0-9a-f-]{36})/.exec(created.headers()['location']!)![1]!;
	await ana.goto(`/en/community/org-${organisationId}`);
	await expect(ana.getByRole('heading', { level: 1, name: 'Ana’s guidance centre' })).toBeVisible();
	await expectAccessible(ana);

	const privateSpace = await ben.goto(`/en/community/org-${organisationId}`);
	const privateText = await ben.getByRole('heading', { level: 1 }).textContent();
	const missing = await ben.goto('/en/community/ethics/00000000-0000-4000-8000-000000000000');
	expect(privateSpace?.status()).toBe(404);
	expect(missing?.status()).toBe(404);
	expect(await ben.getByRole('heading', { level: 1 }).textContent()).toBe(privateText);
	await ana.context().close();
	await ben.context().close();
});

test('a comment under a glossary term opens its discussion; a visitor reads it and is asked to sign in to comment', async ({ browser }) => {
	test.setTimeout(120_000);
	const CARA: Person = { name: 'Cara Commenter', email: 'cara.comments@praxis.test', password: 'comments under the content 2026', locale: 'en' };
	const cara = await (await browser.newContext()).newPage();
	await signUpAndSignIn(cara, CARA);

	await cara.goto('/en/glossary/career-coaching');
	const discussion = cara.getByRole('region', { name: en.community_comments_title });
	await expect(discussion.getByText(en.community_comments_empty!)).toBeVisible();
	await discussion.getByLabel(en.community_comments_field!, { exact: true }).fill('In our centre we use **coaching** for short, goal-led sessions.');
	await expectAccessible(cara);
	await discussion.getByRole('button', { name: en.community_comments_submit }).click();
	await expect(cara).toHaveURL(/\/en\/glossary\/career-coaching#comments$/);
	await expect(discussion.locator('article.comment strong', { hasText: 'coaching' })).toBeVisible();
	await expect(discussion.getByText(en.community_comments_count!.replace('{count}', '1'))).toBeVisible();

	// The discussion is a thread of the comments space, titled with the term.
	await discussion.getByRole('link', { name: en.community_comments_open }).click();
	await expect(cara.getByRole('heading', { level: 1 })).toContainText('Career coaching');
	await cara.context().close();

	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto('/en/glossary/career-coaching');
	const seen = visitor.getByRole('region', { name: en.community_comments_title });
	await expect(seen.getByText('short, goal-led sessions')).toBeVisible();
	await expect(seen.getByText(CARA.name)).toBeVisible();
	await expect(seen.getByRole('link', { name: en.community_comments_signin })).toHaveAttribute('href', /\/en\/signin\?next=/);
	await expect(seen.getByRole('textbox')).toHaveCount(0);
	await expectAccessible(visitor);
	await visitor.context().close();
});

test('a member puts an image in a reply without JavaScript, with its alt text; another reader sees it; an image of a private space is a 404 to a stranger', async ({ browser }) => {
	test.setTimeout(180_000);
	const FAY: Person = { name: 'Fay Sketcher', email: 'fay.images@praxis.test', password: 'drawing on the whiteboard 2026', locale: 'en' };
	const GUS: Person = { name: 'Gus Looker', email: 'gus.images@praxis.test', password: 'looking at the pictures 2026', locale: 'en' };
	const signedIn = async (person: Person) => {
		const page = await (await browser.newContext()).newPage();
		await signUpAndSignIn(page, person);
		return page;
	};
	const fay = await signedIn(FAY);
	const gus = await signedIn(GUS);

	// Gus starts a discussion in an open space.
	await gus.goto('/en/community/research');
	await gus.getByRole('link', { name: en.community_new_thread }).click();
	await gus.getByLabel(en.community_field_title!, { exact: true }).fill('How do you map a pupil’s options?');
	await gus.getByLabel(en.community_field_body!, { exact: true }).fill('Show us your boards.');
	await gus.getByRole('button', { name: en.community_post_thread }).click();
	await expect(gus.getByRole('heading', { level: 1, name: 'How do you map a pupil’s options?' })).toBeVisible();
	const threadUrl = gus.url();

	// Fay answers from a browser without JavaScript: the image is a file field of the reply form.
	const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await fay.context().storageState() });
	const fayPlain = await noScript.newPage();
	await fayPlain.goto(threadUrl);
	const board = { name: 'board.png', mimeType: 'image/png', buffer: Buffer.from(png(48, 32)) };
	await fayPlain.getByLabel(en.community_field_body!, { exact: true }).fill('This is how our board looks.');
	await fayPlain.getByLabel(en.community_field_image!, { exact: true }).setInputFiles(board);
	await expectAccessibleWithoutScript(fayPlain);
	// Without alt text the image is refused, with the reason next to the field.
	await fayPlain.getByRole('button', { name: en.community_post_reply }).click();
	const alt = fayPlain.getByLabel(en.community_field_alt!, { exact: true });
	await expect(alt).toHaveAttribute('aria-invalid', 'true');
	await expect(fayPlain.getByText(en.community_error_image_alt!)).toBeVisible();
	await expect(fayPlain.getByLabel(en.community_field_body!, { exact: true })).toHaveValue('This is how our board looks.');
	await expectAccessibleWithoutScript(fayPlain);
	// A file that only calls itself an image is refused too.
	await alt.fill('A whiteboard with three columns: interests, strengths, next steps');
	await fayPlain.getByLabel(en.community_field_image!, { exact: true }).setInputFiles({ name: 'board.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
	await fayPlain.getByRole('button', { name: en.community_post_reply }).click();
	await expect(fayPlain.getByText(en.community_error_image_type!)).toBeVisible();
	await fayPlain.getByLabel(en.community_field_image!, { exact: true }).setInputFiles(board);
	await fayPlain.getByRole('button', { name: en.community_post_reply }).click();
	const posted = fayPlain.locator('article.post', { hasText: 'This is how our board looks.' });
	await expect(posted.getByRole('img', { name: 'A whiteboard with three columns: interests, strengths, next steps' })).toBeVisible();
	await noScript.close();

	// Gus sees the image itself (decoded by his browser), lazily loaded, its room kept.
	await gus.goto(threadUrl);
	const image = gus.locator('article.post').getByRole('img', { name: 'A whiteboard with three columns: interests, strengths, next steps' });
	await image.scrollIntoViewIfNeeded();
	await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
	await expect(image).toHaveAttribute('loading', 'lazy');
	await expect(image).toHaveAttribute('width', '48');
	await expect(image).toHaveAttribute('height', '32');
	await expectAccessible(gus);
	const src = (await image.getAttribute('src'))!;
	expect(src).toMatch(/^\/community\/uploads\/[0-9a-f-]{36}$/);
	const served = await gus.request.get(src);
	expect(served.status()).toBe(200);
	expect(served.headers()['content-type']).toBe('image/png');
	expect(served.headers()['x-content-type-options']).toBe('nosniff');
	expect(served.headers()['cache-control']).toMatch(/^private, max-age=\d+$/);

	// With JavaScript, Gus puts an image where his cursor is, before the rest of his text.
	const body = gus.getByLabel(en.community_field_body!, { exact: true });
	await body.fill('That is the board we need too.');
	await body.focus();
	await body.press('Home');
	await gus.getByLabel(en.community_field_image!, { exact: true }).setInputFiles({ ...board, name: 'ours.png', buffer: Buffer.from(png(30, 30)) });
	await gus.getByLabel(en.community_field_alt!, { exact: true }).fill('Our empty board');
	await gus.getByRole('button', { name: en.community_image_insert }).click();
	await expect(gus.getByText(en.community_image_inserted!)).toBeVisible();
	await expect(body).toHaveValue(/^!\[Our empty board\]\(\/community\/uploads\/[0-9a-f-]{36}\)\n\nThat is the board we need too\.$/);
	await expect(gus.getByLabel(en.community_field_alt!, { exact: true })).toHaveValue('');
	await expectAccessible(gus);
	await gus.getByRole('button', { name: en.community_post_reply }).click();
	const ours = gus.locator('article.post', { hasText: 'That is the board we need too.' }).getByRole('img', { name: 'Our empty board' });
	await ours.scrollIntoViewIfNeeded();
	await expect.poll(() => ours.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(30);
	// Only one copy: the form sent no second image.
	await expect(gus.locator('article.post img')).toHaveCount(2);

	// Fay's organisation has a private space; her image there is a 404 to Gus, as an image that does not exist.
	const created = await fay.request.post('/en/organisations?/create', {
		headers: FORM_HEADERS,
		data: new URLSearchParams({ name: 'Fay’s guidance team', sector: 'school', country: 'NO', description: '' }).toString(),
		maxRedirects: 0
	});
	expect(created.status()).toBe(303);
	const organisationId = /\/organisations\/([0-9a-f-]{36})/.exec(created.headers()['location']!)![1]!;
	await fay.goto(`/en/community/org-${organisationId}/new`);
	await fay.getByLabel(en.community_field_title!, { exact: true }).fill('Our own board');
	await fay.getByLabel(en.community_field_body!, { exact: true }).fill('For the team only.');
	await fay.getByLabel(en.community_field_image!, { exact: true }).setInputFiles({ ...board, name: 'team.png', buffer: Buffer.from(png(20, 10)) });
	await fay.getByLabel(en.community_field_alt!, { exact: true }).fill('The team’s planning board');
	await expectAccessible(fay);
	await fay.getByRole('button', { name: en.community_post_thread }).click();
	const teamImage = fay.locator('.thread').getByRole('img', { name: 'The team’s planning board' });
	await expect.poll(() => teamImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(20);
	const privateSrc = (await teamImage.getAttribute('src'))!;
	const privateImage = await gus.request.get(privateSrc);
	const missingImage = await gus.request.get('/community/uploads/00000000-0000-4000-8000-000000000000');
	expect(privateImage.status()).toBe(404);
	expect(missingImage.status()).toBe(404);
	expect(privateImage.headers()['content-type']).toBe(missingImage.headers()['content-type']);
	expect((await gus.request.get('/community/uploads/not-an-id')).status()).toBe(404);
	const visitor = await browser.newContext();
	expect((await visitor.request.get(privateSrc)).status()).toBe(404);
	expect((await visitor.request.get(src)).status()).toBe(200);
	await visitor.close();
	await fay.context().close();
	await gus.context().close();
});

const EVE: Person = { name: 'Eve Outspoken', email: 'eve.community@praxis.test', password: 'strong opinions loosely held 2026', locale: 'en' };

test('an editor moves a discussion to another open space and suspends a member there, who is refused in her language', async ({ browser }) => {
	test.setTimeout(240_000);
	const nb = messages('nb');
	const eve = await (await browser.newContext()).newPage();
	await signUpAndSignIn(eve, EVE);

	// Eve starts a discussion about Norway in the research space and replies to it.
	await eve.goto('/en/community/research/new');
	await eve.getByLabel(en.community_field_title!, { exact: true }).fill('Guidance at NAV offices this winter');
	await eve.getByLabel(en.community_field_body!, { exact: true }).fill('Who else finds the new NAV routines hard to follow?');
	await eve.getByRole('button', { name: en.community_post_thread }).click();
	await expect(eve.getByRole('heading', { level: 1, name: 'Guidance at NAV offices this winter' })).toBeVisible();
	const threadId = /\/community\/research\/([0-9a-f-]{36})/.exec(eve.url())![1]!;
	await eve.getByLabel(en.community_field_body!, { exact: true }).fill('And the forms changed again in December.');
	await eve.getByRole('button', { name: en.community_post_reply }).click();
	await expect(eve.locator('article.post', { hasText: 'the forms changed again' })).toBeVisible();

	// The editor (the run's admin, with two-step sign-in) moderates the open spaces: moves it to Norway.
	const editor = await adminPage(browser);
	await editor.goto(`/en/community/research/${threadId}`);
	await expect(editor.getByRole('heading', { level: 1, name: 'Guidance at NAV offices this winter' })).toBeVisible();
	await expectAccessible(editor);
	await editor.getByLabel(en.community_move_label!, { exact: true }).selectOption({ label: 'Norway' });
	await editor.getByRole('button', { name: en.community_move_submit, exact: true }).click();
	await expect(editor).toHaveURL(new RegExp(`/en/community/norway/${threadId}$`));
	await expect(editor.getByRole('status').filter({ hasText: en.community_moved_notice!.replace('{space}', 'Norway') })).toBeVisible();
	await expect(editor.getByRole('navigation', { name: en.community_breadcrumb }).getByRole('link', { name: 'Norway' })).toBeVisible();
	// The old address no longer finds it.
	expect((await editor.request.get(`/en/community/research/${threadId}`)).status()).toBe(404);

	// … and suspends Eve from posting in Norway for a week.
	const suspend = editor.getByLabel(en.community_suspend_label!.replace('{name}', EVE.name), { exact: true });
	await suspend.selectOption({ label: en.community_suspend_days_7! });
	await suspend.locator('xpath=ancestor::form').getByRole('button', { name: en.community_suspend_submit, exact: true }).click();
	await expect(editor.getByRole('status').filter({ hasText: en.community_suspend_applied! })).toBeVisible();
	await expectAccessible(editor);

	// Eve, reading in Norwegian, may still read the thread but her reply is refused, in Norwegian.
	await eve.goto(`/nb/community/norway/${threadId}`);
	await expect(eve.getByRole('heading', { level: 1, name: 'Guidance at NAV offices this winter' })).toBeVisible();
	await eve.getByLabel(nb.community_field_body!, { exact: true }).fill('But I still have something to add.');
	await eve.getByRole('button', { name: nb.community_post_reply }).click();
	await expect(eve.getByText(nb.community_error_suspended!)).toBeVisible();
	await expect(eve.locator('article.post', { hasText: 'something to add' })).toHaveCount(0);
	await expectAccessible(eve);
	// Elsewhere she posts as before.
	await eve.goto('/en/community/research/new');
	await eve.getByLabel(en.community_field_title!, { exact: true }).fill('Reading list on career adaptability');
	await eve.getByLabel(en.community_field_body!, { exact: true }).fill('What would you put on it?');
	await eve.getByRole('button', { name: en.community_post_thread }).click();
	await expect(eve.getByRole('heading', { level: 1, name: 'Reading list on career adaptability' })).toBeVisible();

	// The editor lifts it; Eve's next reply goes through.
	await editor.reload();
	const lift = editor.getByLabel(en.community_suspend_label!.replace('{name}', EVE.name), { exact: true });
	await lift.selectOption({ label: en.community_suspend_lift! });
	await lift.locator('xpath=ancestor::form').getByRole('button', { name: en.community_suspend_submit, exact: true }).click();
	await expect(editor.getByRole('status').filter({ hasText: en.community_suspend_lifted! })).toBeVisible();
	await eve.goto(`/nb/community/norway/${threadId}`);
	await eve.getByLabel(nb.community_field_body!, { exact: true }).fill('But I still have something to add.');
	await eve.getByRole('button', { name: nb.community_post_reply }).click();
	await expect(eve.locator('article.post', { hasText: 'something to add' })).toBeVisible();
	await eve.context().close();
	await editor.context().close();
});

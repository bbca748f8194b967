// Community mail on both engines: the digest of unread replies and mentions (due daily or weekly,
// once per period even when two sweeps run at once, in the person's language, only about threads
// they can still read), the mail at once for a mention if chosen, the settings, and the unsubscribe
// link that changes them without signing in — also as the List-Unsubscribe header of the mail.
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { communityNotification, communityPreference } from '../../src/lib/server/db/schema/community.ts';
import { membership } from '../../src/lib/server/db/schema/organisations.ts';
import { mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import {
	createThread,
	mailSettings,
	markRead,
	openSpace,
	organisationSpaceSlug,
	reply,
	sendDueDigests,
	setMailSettings,
	setSettingsByToken,
	settingsByToken
} from '../../src/lib/server/community/index.ts';
import { deliverMail } from '../../src/lib/server/mail/index.ts';
import { createOrganisation } from '../../src/lib/server/organisations/service.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { member as as } from '../helpers/actors.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { runPendingEvents } from '../helpers/events.ts';

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}

describe.each(testDatabases())('community mail on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, ['content', { only: ['community'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string, locale = 'en', verified = true): Promise<string> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale, country: 'NO', sector: 'school', emailVerifiedAt: verified ? sql`now()` : null, createdAt: sql`now() - interval '7 days'` })
			.returning({ id: user.id });
		return row!.id;
	}
	const space = async (actor: string, slug: string) => value(await openSpace(db, as(actor), slug, 'en'));
	const mailsTo = (address: string) => db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).orderBy(mailOutbox.id);
	const tokenIn = (text: string) => /\/unsubscribe\/([A-Za-z0-9_-]{32})/.exec(text)?.[1];
	/** Moves the person's last digest back in time. */
	const lastDigestAgo = (userId: string, interval: string) =>
		db.update(communityPreference).set({ lastDigestAt: sql`now() - ${interval}::interval` }).where(eq(communityPreference.userId, userId));

	it('mails one digest of the unread replies and mentions in the reader’s language, then waits a week for the next', async () => {
		const bo = await person('Bo', 'nb');
		const ada = await person('Ada');
		const cy = await person('Cy');
		const s = await space(bo, 'ethics');
		const { id: thread } = value(await createThread(db, as(bo), s, { title: 'Confidentiality with parents', body: 'What do you tell a parent?', language: 'en' }));
		value(await reply(db, as(ada), s, thread, { body: 'Only what the pupil agrees to.' }));
		value(await reply(db, as(cy), s, thread, { body: 'I agree with @Bo here.' }));

		// Bo has two notices (a reply, a mention); Ada and Cy watch the thread and were told of each other's reply… once read, no digest for Ada.
		value(await markRead(db, as(ada), 'all'));
		expect(await sendDueDigests(db)).toBe(1);
		const [digest] = await mailsTo('bo@example.org');
		expect(digest!.subject).toBe('Sammendraget ditt fra Praxis-fellesskapet');
		expect(digest!.text).toContain('• Ada svarte i «Confidentiality with parents» (Etikk i veiledning)');
		expect(digest!.text).toContain('• Cy nevnte deg i «Confidentiality with parents»');
		expect(digest!.link).toMatch(/\/nb\/notifications$/);
		expect(digest!.unsubscribe).toMatch(/^http:\/\/localhost:\d+\/nb\/unsubscribe\/[A-Za-z0-9_-]{32}$/);
		expect(digest!.text).toContain(digest!.unsubscribe!);
		expect(digest!.html).toContain(`<a href="${digest!.unsubscribe}">Endre eller stopp disse e-postene</a>`);
		expect(await mailsTo('ada@example.org')).toEqual([]);

		// Nothing new and not due: no second mail; a new reply within the week waits.
		expect(await sendDueDigests(db)).toBe(0);
		value(await reply(db, as(ada), s, thread, { body: 'One more thought.' }));
		await sendDueDigests(db);
		expect(await mailsTo('bo@example.org')).toHaveLength(1);
		await lastDigestAgo(bo, '6 days 23 hours');
		await sendDueDigests(db);
		expect(await mailsTo('bo@example.org')).toHaveLength(1);
		await lastDigestAgo(bo, '7 days 1 minute');
		await sendDueDigests(db);
		expect(await mailsTo('bo@example.org')).toHaveLength(2);
		const [, second] = await mailsTo('bo@example.org');
		expect(second!.text).toContain('Ada svarte');
		expect(second!.text).not.toContain('Cy nevnte');
		// The link in every mail is the same key.
		expect(tokenIn(second!.unsubscribe!)).toBe(tokenIn(digest!.unsubscribe!));
	});

	it('sends daily when chosen, never when off, and never to an unverified address', async () => {
		const bo = await person('Bo');
		const ada = await person('Ada');
		const eve = await person('Eve', 'en', false);
		const s = await space(bo, 'ethics');
		const { id: thread } = value(await createThread(db, as(bo), s, { title: 'Daily', body: 'x', language: 'en' }));
		// Ada is mentioned, but has turned the digest off.
		value(await setMailSettings(db, as(ada), { digest: 'off', mentionMail: false }));
		value(await reply(db, as(eve), s, thread, { body: 'Hello @Ada' }));
		value(await setMailSettings(db, as(bo), { digest: 'daily', mentionMail: false }));
		expect(await sendDueDigests(db)).toBe(1);
		value(await reply(db, as(ada), s, thread, { body: 'Second reply.' }));
		await lastDigestAgo(bo, '23 hours');
		expect(await sendDueDigests(db)).toBe(0);
		await lastDigestAgo(bo, '25 hours');
		expect(await sendDueDigests(db)).toBe(1);
		const bos = await mailsTo('bo@example.org');
		expect(bos).toHaveLength(2);
		expect(bos[1]!.text).toContain('at most once a day');
		expect(bos[1]!.text).toContain('Ada replied in “Daily”');
		// Eve (unverified) watches the thread and was told of Ada's reply: no mail to an address nobody confirmed.
		expect(await db.select().from(communityNotification).where(eq(communityNotification.userId, eve))).toHaveLength(1);
		expect(await mailsTo('ada@example.org')).toEqual([]);
		expect(await mailsTo('eve@example.org')).toEqual([]);
	});

	it('leaves out threads the reader can no longer read, and sends one digest when two sweeps run at once', async () => {
		const owner = await person('Owner');
		const bo = await person('Bo');
		const org = value(await createOrganisation(db, as(owner), { name: 'Karrieresenteret', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' }));
		await db.insert(membership).values({ organisationId: org.id, userId: bo, role: 'member' });
		const slug = organisationSpaceSlug(org.id);
		const priv = await space(bo, slug);
		const { id: secret } = value(await createThread(db, as(bo), priv, { title: 'Internal matter', body: 'x', language: 'en' }));
		value(await reply(db, as(owner), priv, secret, { body: 'Answer inside.' }));
		const pub = await space(bo, 'ethics');
		const { id: open } = value(await createThread(db, as(bo), pub, { title: 'Open question', body: 'y', language: 'en' }));
		value(await reply(db, as(owner), pub, open, { body: 'Answer outside.' }));
		// Bo leaves the organisation before the digest goes.
		await db.delete(membership).where(eq(membership.userId, bo));

		const sent = await Promise.all([sendDueDigests(db), sendDueDigests(db)]);
		expect(sent[0]! + sent[1]!).toBe(1);
		const mails = await mailsTo('bo@example.org');
		expect(mails).toHaveLength(1);
		expect(mails[0]!.text).toContain('Open question');
		expect(mails[0]!.text).not.toContain('Internal matter');
		// Every pending notice counts as mailed, the unreadable one too.
		const pending = await db.select().from(communityNotification).where(sql`${communityNotification.userId} = ${bo} and ${communityNotification.mailedAt} is null`);
		expect(pending).toEqual([]);
	});

	it('opens and changes the settings through the unsubscribe link without signing in; any other token is a 404', async () => {
		const bo = await person('Bo');
		const ada = await person('Ada');
		const s = await space(bo, 'ethics');
		const { id: thread } = value(await createThread(db, as(bo), s, { title: 'Links', body: 'x', language: 'en' }));
		value(await reply(db, as(ada), s, thread, { body: 'A reply.' }));
		expect(value(await mailSettings(db, as(bo)))).toEqual({ digest: 'weekly', mentionMail: false });
		expect(await mailSettings(db, null)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		await sendDueDigests(db);
		const token = tokenIn((await mailsTo('bo@example.org'))[0]!.unsubscribe!)!;
		expect(value(await settingsByToken(db, token))).toEqual({ digest: 'weekly', mentionMail: false, address: 'bo…@example.org' });
		value(await setSettingsByToken(db, token, { digest: 'off', mentionMail: false }));
		expect(value(await mailSettings(db, as(bo)))).toEqual({ digest: 'off', mentionMail: false });
		for (const bad of ['x'.repeat(32), 'short', `${token}'--`]) {
			expect(await settingsByToken(db, bad)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
			expect(await setSettingsByToken(db, bad, { digest: 'daily', mentionMail: true })).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		}
		expect(value(await mailSettings(db, as(bo))).digest).toBe('off');
	});

	it('mails a mention at once to whoever chose it (after commit, once), and the digest does not repeat it', async () => {
		const bo = await person('Bo', 'cs');
		const ada = await person('Ada');
		const cy = await person('Cy');
		value(await setMailSettings(db, as(bo), { digest: 'weekly', mentionMail: true }));
		const s = await space(ada, 'ethics');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'Who knows LMI?', body: 'Asking @Bo and @Cy.', language: 'en' }));
		expect(await mailsTo('bo@example.org')).toEqual([]);
		await runPendingEvents(database);
		await runPendingEvents(database);
		const mails = await mailsTo('bo@example.org');
		expect(mails.map((m) => m.subject)).toEqual(['Ada vás zmínil(a) ve vlákně „Who knows LMI?“']);
		expect(mails[0]!.text).toContain('Asking @Bo and @Cy.');
		expect(mails[0]!.link).toMatch(new RegExp(`/cs/community/ethics/${thread}$`));
		expect(mails[0]!.unsubscribe).toMatch(/\/cs\/unsubscribe\//);
		// Cy did not ask for it: the mention waits for the digest.
		expect(await mailsTo('cy@example.org')).toEqual([]);
		expect(await sendDueDigests(db)).toBe(1);
		expect((await mailsTo('cy@example.org'))[0]!.text).toContain('Ada mentioned you in “Who knows LMI?”');
		expect(await mailsTo('bo@example.org')).toHaveLength(1);
	});

	it('sends the unsubscribe address as the List-Unsubscribe header', async () => {
		const bo = await person('Bo');
		const ada = await person('Ada');
		const s = await space(bo, 'ethics');
		const { id: thread } = value(await createThread(db, as(bo), s, { title: 'Header', body: 'x', language: 'en' }));
		value(await reply(db, as(ada), s, thread, { body: 'A reply.' }));
		await sendDueDigests(db);
		const [digest] = await mailsTo('bo@example.org');
		const sent: string[] = [];
		const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
		const via = { sendMail: async (message: SendMailOptions) => sent.push(String((await transport.sendMail(message)).message)) };
		await deliverMail(db, digest!.id, via as unknown as Transporter);
		// Long headers are folded onto the next line (RFC 5322); unfolded, it is the address in angle brackets.
		expect(sent[0]!.replace(/\r\n[ \t]+/g, ' ')).toContain(`List-Unsubscribe: <${digest!.unsubscribe}>`);
	});
});

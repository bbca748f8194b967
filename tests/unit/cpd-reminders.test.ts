// CPD reminders on both engines: who is due (asked for it, fewer than 60 days of their CPD year
// left, confirmed hours below target, not yet reminded of this year), one mail per year even when
// two sweeps run at once, in the person's language, with the unsubscribe link that opens all of the
// person's opt-out mail on one page (the same token as the community mail).
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEntry, reminderByToken, reminderForm, sendDueReminders, setReminder, setReminderByToken, updateSettings, type EntryInput } from '../../src/lib/server/cpd/index.ts';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { cpdEntry } from '../../src/lib/server/db/schema/cpd.ts';
import { mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import { setMailSettings } from '../../src/lib/server/community/index.ts';
import { unsubscribeTokenFor } from '../../src/lib/server/mail/unsubscribe.ts';
import { mailChoicesByToken, stopAllMailByToken } from '../../src/lib/server/platform/mail-choices.ts';
import { parseForm } from '../../src/lib/server/forms/index.ts';
import { member as as } from '../helpers/actors.ts';
import { testDatabases } from '../helpers/db.ts';
import { value } from '../helpers/result.ts';

const at = (day: string) => new Date(`${day}T06:00:00Z`);

describe('the reminder form', () => {
	const form = (entries: [string, string][]) => {
		const data = new FormData();
		for (const [k, v] of entries) data.append(k, v);
		return parseForm(reminderForm, data);
	};
	it('reads a ticked box as yes, an absent one as no, and refuses any other value', () => {
		expect(form([['remind', 'yes']])).toEqual({ ok: true, data: { remind: true } });
		expect(form([])).toEqual({ ok: true, data: { remind: false } });
		expect(form([['remind', "'; drop table users; --"]])).toMatchObject({ ok: false, errors: { remind: 'error_invalid' } });
	});
});

describe.each(testDatabases())('CPD reminders on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string, locale = 'en', verified = true): Promise<string> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale, country: 'NO', sector: 'school', emailVerifiedAt: verified ? sql`now()` : null })
			.returning({ id: user.id });
		return row!.id;
	}
	const log = (id: string, startsOn: string, hours: number) =>
		createEntry(db, as(id), { title: 'Course', type: 'course', startsOn, endsOn: null, hours, provider: '', competenceAreas: [], reflection: '' } satisfies EntryInput).then(value);
	const mailsTo = (address: string) => db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).orderBy(mailOutbox.id);
	const tokenIn = (text: string) => /\/unsubscribe\/([A-Za-z0-9_-]{32})$/.exec(text)?.[1];

	it('reminds once per CPD year, in the person’s language, when fewer than 60 days are left and the target is not met', async () => {
		const bo = await person('Bo', 'nb');
		value(await setReminder(db, as(bo), true));
		await log(bo, '2026-03-10', 10);
		await log(bo, '2025-12-20', 30); // the year before: does not count
		// The year ends with 31 December: 78 days left on 15 October, 60 on 2 November (not yet), 59 on 3 November (due).
		expect(await sendDueReminders(db, at('2026-10-15'))).toBe(0);
		expect(await sendDueReminders(db, at('2026-11-02'))).toBe(0);
		expect(await sendDueReminders(db, at('2026-11-03'))).toBe(1);
		const [mail] = await mailsTo('bo@example.org');
		expect(mail!.subject).toBe('Etterutdanningsåret ditt slutter 31. desember 2026');
		expect(mail!.text).toContain('Du har registrert 10 av målet på 25 timer');
		expect(mail!.text).toContain('31. desember 2026');
		expect(mail!.link).toMatch(/\/nb\/cpd$/);
		expect(mail!.unsubscribe).toMatch(/\/nb\/unsubscribe\/[A-Za-z0-9_-]{32}$/);
		// Once for the year, however often the sweep runs; again the next year.
		expect(await sendDueReminders(db, at('2026-12-20'))).toBe(0);
		expect(await sendDueReminders(db, at('2027-01-05'))).toBe(0);
		expect(await sendDueReminders(db, at('2027-12-01'))).toBe(1);
		expect(await mailsTo('bo@example.org')).toHaveLength(2);
	});

	it('leaves out who met the target, who did not ask, who is unverified, and counts only confirmed hours', async () => {
		const done = await person('Done');
		const off = await person('Off');
		const unverified = await person('Unverified', 'en', false);
		const drafty = await person('Drafty');
		for (const id of [done, unverified, drafty]) value(await setReminder(db, as(id), true));
		await log(done, '2026-02-01', 25);
		await log(off, '2026-02-01', 1);
		// A draft (from a Learn module) of 30 hours does not count towards the target.
		const { id } = await log(drafty, '2026-02-01', 30);
		await db.update(cpdEntry).set({ status: 'draft' }).where(eq(cpdEntry.id, id));
		expect(await sendDueReminders(db, at('2026-12-01'))).toBe(1);
		expect(await mailsTo('drafty@example.org')).toHaveLength(1);
		// Turned off: no mail the next year (when Done, with no hours in 2027, is reminded).
		value(await setReminder(db, as(drafty), false));
		expect(await sendDueReminders(db, at('2027-12-01'))).toBe(1);
		expect(await mailsTo('drafty@example.org')).toHaveLength(1);
		expect(await mailsTo('done@example.org')).toHaveLength(1);
		expect(await mailsTo('unverified@example.org')).toHaveLength(0);
		expect(await mailsTo('off@example.org')).toHaveLength(0);
		expect(await setReminder(db, null, true)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
	});

	it('follows a CPD year that starts in September, and the person’s own target', async () => {
		const cy = await person('Cy', 'cs');
		value(await updateSettings(db, as(cy), { targetHours: 12, yearStartMonth: 9 }));
		value(await setReminder(db, as(cy), true));
		await log(cy, '2025-10-01', 11.5);
		// The CPD year 2025 runs from 1 September 2025 to 31 August 2026: 49 days left on 14 July (with that day).
		expect(await sendDueReminders(db, at('2026-07-14'))).toBe(1);
		const [mail] = await mailsTo('cy@example.org');
		expect(mail!.subject).toBe('Váš rok dalšího vzdělávání končí 31. srpna 2026');
		expect(mail!.text).toContain('11,5 z cílových 12 hodin');
	});

	it('sends one reminder when two sweeps run at once', async () => {
		const ids = await Promise.all(['A1', 'A2', 'A3'].map((n) => person(n)));
		for (const id of ids) value(await setReminder(db, as(id), true));
		const [first, second] = await Promise.all([sendDueReminders(db, at('2026-12-01')), sendDueReminders(db, at('2026-12-01'))]);
		expect(first + second).toBe(3);
		expect(await db.select().from(mailOutbox)).toHaveLength(3);
	});

	it('opens every opt-out mail of the person through the one unsubscribe link, without signing in', async () => {
		const bo = await person('Bo');
		value(await setReminder(db, as(bo), true));
		value(await setMailSettings(db, as(bo), { digest: 'daily', mentionMail: true }));
		expect(await sendDueReminders(db, at('2026-12-01'))).toBe(1);
		const token = tokenIn((await mailsTo('bo@example.org'))[0]!.unsubscribe!)!;
		// The same token as any community mail to Bo carries.
		expect(await unsubscribeTokenFor(db, bo)).toBe(token);
		expect(value(await mailChoicesByToken(db, token))).toEqual({ address: 'bo…@example.org', community: { digest: 'daily', mentionMail: true }, cpdReminder: true });
		value(await setReminderByToken(db, token, false));
		expect(value(await reminderByToken(db, token))).toEqual({ remind: false });
		value(await setReminderByToken(db, token, true));
		value(await stopAllMailByToken(db, token));
		expect(value(await mailChoicesByToken(db, token))).toMatchObject({ community: { digest: 'off', mentionMail: false }, cpdReminder: false });
		for (const bad of ['x'.repeat(32), 'short', `${token}'--`]) {
			expect(await mailChoicesByToken(db, bad)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
			expect(await setReminderByToken(db, bad, true)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
			expect(await stopAllMailByToken(db, bad)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		}
	});
});

// CPD reminders: one mail per CPD year, to those who asked for it, when fewer than REMINDER_DAYS
// days of their CPD year are left and their confirmed hours are below their target. Sent in the
// person's language through the outbox, with the unsubscribe link every opt-out mail carries.
import { eq, sql } from 'drizzle-orm';
import { BASE_LOCALE, isAppLocale } from '../../i18n/locales.ts';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { m } from '../../paraglide/messages.js';
import type { MailTemplate, ScheduledJob } from '../capability.ts';
import { config } from '../config/index.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { cpdSettings } from '../db/schema/cpd.ts';
import { sendMail } from '../mail/index.ts';
import { personByUnsubscribeToken, unsubscribePath, unsubscribeTokenFor } from '../mail/unsubscribe.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { DEFAULT_TARGET_HOURS } from './entries.ts';

/** A reminder goes when fewer than this many days of the CPD year are left. */
export const REMINDER_DAYS = 60;
const BATCH = 100;

async function storeReminder(db: DbOrTx, userId: string, remind: boolean): Promise<void> {
	await db
		.insert(cpdSettings)
		.values({ userId, targetQuarters: DEFAULT_TARGET_HOURS * 4, remind })
		.onConflictDoUpdate({ target: cpdSettings.userId, set: { remind, updatedAt: new Date() } });
}

/** Turns the signed-in person's CPD reminder on or off. */
export async function setReminder(db: DbOrTx, actor: Actor, remind: boolean): Promise<Result> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	await storeReminder(db, actor.id, remind);
	return ok();
}

/** Whether the person whose unsubscribe token this is gets CPD reminders; not_found for any other token. */
export async function reminderByToken(db: DbOrTx, token: string): Promise<Result<{ remind: boolean }>> {
	const person = await personByUnsubscribeToken(db, token);
	if (!person) return problem('not_found');
	const [row] = await db.select({ remind: cpdSettings.remind }).from(cpdSettings).where(eq(cpdSettings.userId, person.userId));
	return ok({ remind: row?.remind ?? false });
}

/** Turns CPD reminders on or off through an unsubscribe link (no sign-in: the token is the key). */
export async function setReminderByToken(db: DbOrTx, token: string, remind: boolean): Promise<Result> {
	const person = await personByUnsubscribeToken(db, token);
	if (!person) return problem('not_found');
	await storeReminder(db, person.userId, remind);
	return ok();
}

/** The reminder mail. Params: hours, target, end (the year's last day, formatted). No day count: it would need plural forms. */
const cpd_reminder: MailTemplate = (p, locale) => {
	const o = { locale };
	const params = { hours: p.hours ?? '', target: p.target ?? '', end: p.end ?? '' };
	return {
		subject: m.mail_cpd_reminder_subject(params, o),
		body: m.mail_cpd_reminder_body(params, o),
		action: m.mail_cpd_reminder_action({}, o),
		footer: m.mail_cpd_reminder_footer({}, o)
	};
};
export const CPD_MAILS = { cpd_reminder } satisfies Record<string, MailTemplate>;

type Due = { id: string; email: string; locale: string; year: number; until: string; quarters: number; target: number };

/**
 * Sends the reminders that are due on `today` (a UTC date): to everyone who asked for them, whose
 * account is active and verified, who was not yet reminded of their current CPD year, with fewer
 * than REMINDER_DAYS days of it left and fewer confirmed hours than their target. One query finds
 * them (hours summed in it); each person is claimed by a conditional update of `reminded_year` in
 * the transaction that queues the mail, so two instances sweeping at once send one reminder.
 * Returns how many were queued.
 */
export async function sendDueReminders(db: DbOrTx, today = new Date()): Promise<number> {
	const day = today.toISOString().slice(0, 10);
	let sent = 0;
	for (let round = 0; round < 50; round++) {
		const due = await queryRows<Due>(
			db,
			sql`select * from (
					select u.id, u.email, u.locale, y.year, to_char(y.until, 'YYYY-MM-DD') as until, s.target_quarters as target,
						coalesce((select sum(e.quarters) from cpd_entry e
							where e.user_id = s.user_id and e.status = 'confirmed' and e.starts_on >= y.starts and e.starts_on < y.until), 0)::int as quarters
					from cpd_settings s
					join app_user u on u.id = s.user_id
					cross join lateral (select extract(year from ${day}::date)::int - (case when extract(month from ${day}::date) >= s.year_start_month then 0 else 1 end) as year) c
					cross join lateral (select c.year, make_date(c.year, s.year_start_month, 1) as starts, make_date(c.year + 1, s.year_start_month, 1) as until) y
					where s.remind and u.disabled_at is null and u.email_verified_at is not null
						and (s.reminded_year is null or s.reminded_year < y.year)
						and y.until - ${day}::date < ${REMINDER_DAYS}
				) d
				where d.quarters < d.target
				order by d.id limit ${BATCH}`
		);
		for (const person of due) if (await remind(db, person)) sent++;
		if (due.length < BATCH) break;
	}
	return sent;
}

async function remind(db: DbOrTx, person: Due): Promise<boolean> {
	const locale = isAppLocale(person.locale) ? person.locale : BASE_LOCALE;
	return db.transaction(async (tx) => {
		const [claimed] = await queryRows<{ user_id: string }>(
			tx,
			sql`update cpd_settings set reminded_year = ${person.year}
				where user_id = ${person.id} and remind and (reminded_year is null or reminded_year < ${person.year})
				returning user_id`
		);
		if (!claimed) return false;
		const lastDay = new Date(new Date(`${person.until}T00:00:00Z`).getTime() - 86_400_000);
		await sendMail(tx, {
			to: person.email,
			locale,
			kind: 'cpd_reminder',
			userId: person.id,
			link: `/${locale}/cpd`,
			unsubscribe: unsubscribePath(locale, await unsubscribeTokenFor(tx, person.id)),
			words: cpd_reminder(
				{ hours: formatNumber(person.quarters / 4, locale), target: formatNumber(person.target / 4, locale), end: formatDate(lastDay, locale) },
				locale
			)
		});
		return true;
	});
}

/** The scheduled sweep (manifest `jobs`): as often as the community digest's. */
export const REMINDER_JOB: ScheduledJob = { name: 'cpd-reminders', everySeconds: () => config().digestSweepSeconds, run: async (db) => void (await sendDueReminders(db)) };

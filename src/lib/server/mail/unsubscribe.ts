// The unsubscribe link of every mail a person may opt out of (community digest and mentions, CPD
// reminders): one token per person, whatever the mail, so one page (/unsubscribe/[token]) shows
// all their choices. The token opens those choices without signing in and nothing else; it is
// made the first time such a mail is sent and goes with the account.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** The person's unsubscribe token, made the first time a mail needs one (safe under concurrency). */
export async function unsubscribeTokenFor(db: DbOrTx, userId: string): Promise<string> {
	const [row] = await queryRows<{ token: string }>(
		db,
		sql`insert into mail_unsubscribe (user_id, token) values (${userId}, ${randomBytes(24).toString('base64url')})
			on conflict (user_id) do update set token = mail_unsubscribe.token
			returning token`
	);
	return row!.token;
}

/** The path of the person's unsubscribe page in their language (Mail.unsubscribe). */
export const unsubscribePath = (locale: AppLocale, token: string) => `/${locale}/unsubscribe/${token}`;

/** Whose token this is: their id and (partly hidden) address, or undefined for any other string. */
export async function personByUnsubscribeToken(db: DbOrTx, token: string): Promise<{ userId: string; address: string } | undefined> {
	if (!TOKEN.test(token)) return undefined;
	const [row] = await queryRows<{ id: string; email: string }>(db, sql`select u.id, u.email from mail_unsubscribe t join app_user u on u.id = t.user_id where t.token = ${token}`);
	if (!row) return undefined;
	const [name, domain] = row.email.split('@');
	return { userId: row.id, address: `${name!.slice(0, 2)}…@${domain}` };
}

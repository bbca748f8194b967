import { desc, eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { m } from '../../paraglide/messages.js';
import type { AppLocale } from '../../i18n/locales.ts';
import { config } from '../config/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { mailOutbox } from '../db/schema/platform.ts';
import { logger } from '../log/index.ts';

export type MailKind = 'verify_email' | 'reset_password' | 'change_email' | 'set_password' | 'account_exists' | 'invitation' | 'cohort_invitation';

/** An invitation's particulars; only invitation mails carry them. */
type InvitationDetails = { organisation: string; inviter: string; role: 'member' | 'leader' };

/** A cohort invitation's particulars. */
type CohortDetails = { cohort: string; course: string; inviter: string };

type Mail = { to: string; locale: AppLocale; kind: MailKind; name: string; link: string; invitation?: InvitationDetails; cohort?: CohortDetails };

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Subject, plain text and simple HTML of a mail, in the recipient's language. */
export function renderMail(mail: Mail): { subject: string; text: string; html: string } {
	const o = { locale: mail.locale };
	const p = { name: mail.name };
	const inv = mail.invitation ?? { organisation: '', inviter: '', role: 'member' };
	const invitationParams = {
		organisation: inv.organisation,
		inviter: inv.inviter,
		role: inv.role === 'leader' ? m.org_role_leader({}, o) : m.org_role_member({}, o)
	};
	const cohortParams = mail.cohort ?? { cohort: '', course: '', inviter: '' };
	const parts = {
		verify_email: [m.mail_verify_subject({}, o), m.mail_verify_body(p, o), m.mail_verify_action({}, o)],
		reset_password: [m.mail_reset_subject({}, o), m.mail_reset_body(p, o), m.mail_reset_action({}, o)],
		change_email: [m.mail_change_email_subject({}, o), m.mail_change_email_body(p, o), m.mail_change_email_action({}, o)],
		set_password: [m.mail_set_password_subject({}, o), m.mail_set_password_body(p, o), m.mail_set_password_action({}, o)],
		account_exists: [m.mail_account_exists_subject({}, o), m.mail_account_exists_body(p, o), m.mail_account_exists_action({}, o)],
		invitation: [
			m.mail_invitation_subject(invitationParams, o),
			m.mail_invitation_body(invitationParams, o),
			m.mail_invitation_action({}, o)
		],
		cohort_invitation: [
			m.mail_cohort_subject(cohortParams, o),
			m.mail_cohort_body(cohortParams, o),
			m.mail_cohort_action({}, o)
		]
	}[mail.kind];
	const [subject, body, action] = parts as unknown as [string, string, string];
	// An invitation may go to someone without an account: its footer says why it came.
	const footer =
		mail.kind === 'invitation'
			? m.mail_invitation_footer(invitationParams, o)
			: mail.kind === 'cohort_invitation'
				? m.mail_cohort_footer(cohortParams, o)
				: m.mail_footer({}, o);
	const text = `${body}\n\n${action}:\n${mail.link}\n\n${footer}\n`;
	const html = `<!doctype html><html lang="${mail.locale}"><body style="font-family:sans-serif;line-height:1.5">
<p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(mail.link)}">${escapeHtml(action)}</a></p>
<p style="color:#555">${escapeHtml(footer)}</p></body></html>`;
	return { subject, text, html };
}

let transport: Transporter | undefined;

/**
 * Queues a mail in the outbox and, when SMTP_URL is set, sends it. Without SMTP the outbox is
 * where an admin reads it (and in development its link is also logged).
 */
export async function sendMail(db: DbOrTx, mail: Mail): Promise<void> {
	const rendered = renderMail(mail);
	const [row] = await db
		.insert(mailOutbox)
		.values({ toAddress: mail.to, ...rendered })
		.returning({ id: mailOutbox.id });
	const c = config();
	if (!c.smtpUrl) {
		if (c.nodeEnv === 'development') logger.info({ event: 'mail_link', kind: mail.kind, link: mail.link }, 'mail queued');
		return;
	}
	transport ??= nodemailer.createTransport(c.smtpUrl);
	try {
		await transport.sendMail({ from: c.mailFrom, to: mail.to, ...rendered });
		await db.update(mailOutbox).set({ sentAt: sql`now()` }).where(eq(mailOutbox.id, row!.id));
	} catch (error) {
		logger.warn({ event: 'mail_failed', kind: mail.kind, mailId: row!.id }, 'mail could not be sent');
		await db
			.update(mailOutbox)
			.set({ error: (error as Error).message.slice(0, 500) })
			.where(eq(mailOutbox.id, row!.id));
	}
}

/** The newest mails, for the admin outbox. */
export async function listOutbox(db: DbOrTx, limit = 100) {
	return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(limit);
}

/** Deletes the outbox's copies of mails sent to an address (account deletion). */
export async function forgetMailsTo(db: DbOrTx, address: string): Promise<void> {
	await db.delete(mailOutbox).where(eq(mailOutbox.toAddress, address));
}

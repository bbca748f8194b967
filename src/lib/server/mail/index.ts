import { desc, eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { m } from '../../paraglide/messages.js';
import type { MailText } from '../capability.ts';
import type { AppLocale } from '../../i18n/locales.ts';
import { config, publicOrigin } from '../config/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { mailOutbox } from '../db/schema/platform.ts';
import { emit } from '../events/index.ts';
import { logger } from '../log/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';

/**
 * One mail: what kind it is (for the log), where it goes, its words in the recipient's language
 * (from the sending capability's template, see `Capability.mail`) and the link it carries.
 */
export type Mail = {
	to: string;
	locale: AppLocale;
	kind: string;
	link: string;
	words: MailText;
	/** The recipient's account, if they have one; the mail goes with it. */
	userId?: string;
	/** Whoever's action sent the mail (an inviter); the mail goes with their account too. */
	senderId?: string;
};

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Subject, plain text and simple HTML of a mail: the capability's words in the platform's layout. */
export function renderMail(mail: Mail): { subject: string; text: string; html: string } {
	const { subject, body, action } = mail.words;
	const footer = mail.words.footer ?? m.mail_footer({}, { locale: mail.locale });
	const text = `${body}\n\n${action}:\n${mail.link}\n\n${footer}\n`;
	const html = `<!doctype html><html lang="${mail.locale}"><body style="font-family:sans-serif;line-height:1.5">
<p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(mail.link)}">${escapeHtml(action)}</a></p>
<p style="color:#555">${escapeHtml(footer)}</p></body></html>`;
	return { subject, text, html };
}

/**
 * A mail's link on the configured public origin, whatever origin the caller built it on: a
 * request's Host (or X-Forwarded-Host) is the attacker's to choose, and a reset link pointed at
 * their server hands them the token. Callers may pass a path.
 */
export function onPublicOrigin(link: string): string {
	const origin = publicOrigin();
	const url = new URL(link, origin);
	return `${origin}${url.pathname}${url.search}${url.hash}`;
}

/** The event that sends one queued mail after commit (payload `{ mailId }`). */
export const MAIL_SEND = 'mail.send';

/**
 * Queues a mail: an outbox row and a `mail.send` event, both in the caller's transaction, so a
 * rolled-back change sends nothing and a committed one is sent even if the app stops right after
 * (the dispatcher sends it, see `deliverMail`). Without SMTP the outbox is where an admin reads it
 * (and in development its link is also logged).
 */
export async function sendMail(db: DbOrTx, given: Mail): Promise<void> {
	const mail = { ...given, link: onPublicOrigin(given.link) };
	const rendered = renderMail(mail);
	const [row] = await db
		.insert(mailOutbox)
		.values({ toAddress: mail.to, userId: mail.userId ?? null, senderId: mail.senderId ?? null, ...rendered })
		.returning({ id: mailOutbox.id });
	await emit(db, { type: MAIL_SEND, payload: { mailId: row!.id, kind: mail.kind } });
	const c = config();
	if (!c.smtpUrl && c.nodeEnv === 'development') logger.info({ event: 'mail_link', kind: mail.kind, link: mail.link }, 'mail queued');
}

let transport: Transporter | undefined;

/** Where mail goes: SMTP_URL's server (none configured: undefined, the outbox only). */
function smtpTransport(): Transporter | undefined {
	const url = config().smtpUrl;
	if (!url) return undefined;
	transport ??= nodemailer.createTransport(url);
	return transport;
}

/**
 * Sends one outbox mail by SMTP and marks it sent: the dispatcher's `mail.send` handler. Idempotent
 * (a mail already sent is skipped) and at least once; the fixed Message-ID lets a mail server drop
 * the rare duplicate of a retry after a crash. A failure is written on the outbox row and thrown,
 * so the dispatcher retries with backoff.
 */
export async function deliverMail(db: DbOrTx, mailId: number, via: Transporter | undefined = smtpTransport()): Promise<void> {
	if (!via) return;
	const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, mailId));
	if (!mail || mail.sentAt) return;
	try {
		await via.sendMail({
			from: config().mailFrom,
			to: mail.toAddress,
			subject: mail.subject,
			text: mail.text,
			html: mail.html,
			messageId: `<outbox-${mail.id}-${mail.createdAt.getTime()}@praxis>`
		});
	} catch (error) {
		const message = (error as Error).message.slice(0, 500);
		logger.warn({ event: 'mail_failed', mailId }, 'mail could not be sent');
		await db.update(mailOutbox).set({ error: message }).where(eq(mailOutbox.id, mailId));
		throw error;
	}
	await db.update(mailOutbox).set({ sentAt: sql`now()`, error: null }).where(eq(mailOutbox.id, mailId));
}

/** The newest mails, for the admin outbox (admins only). */
export async function listOutbox(db: DbOrTx, actor: Actor, limit = 100): Promise<Result<(typeof mailOutbox.$inferSelect)[]>> {
	if (!can(actor, 'admin:outbox')) return problem('forbidden');
	return ok(await db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(limit));
}

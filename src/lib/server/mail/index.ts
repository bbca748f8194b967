import { and, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { m } from '../../paraglide/messages.js';
import type { MailText } from '../capability.ts';
import type { AppLocale } from '../../i18n/locales.ts';
import { config, publicOrigin } from '../config/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { mailOutbox } from '../db/schema/platform.ts';
import { emit } from '../events/index.ts';
import { audit } from '../audit/index.ts';
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
	/**
	 * Where the recipient stops this kind of mail without signing in (a path or URL): shown under
	 * the mail and sent as its List-Unsubscribe header. Only for mail one may opt out of.
	 */
	unsubscribe?: string;
};

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Where a stored mail's link goes. Links carry tokens that are credentials (a reset link signs its
 * holder in), so the stored text and HTML hold this slot and the link is kept apart (`link`),
 * only until the mail is delivered (see `deliverMail`, `purgeOutbox`); nobody reads it in the
 * admin outbox.
 */
export const MAIL_LINK_SLOT = '{{praxis:link}}';

/** Text as HTML paragraphs: a blank line starts a paragraph, a line break stays one. */
function paragraphs(text: string): string {
	return text
		.split(/\n{2,}/)
		.map((part) => `<p>${escapeHtml(part).replaceAll('\n', '<br>')}</p>`)
		.join('\n');
}

/**
 * Subject, plain text and simple HTML of a mail: the capability's words in the platform's layout,
 * the link slot where the link goes, and the unsubscribe link (not a credential: it opens only the
 * recipient's mail settings) written in.
 */
export function renderMail(mail: Pick<Mail, 'locale' | 'words' | 'unsubscribe'>): { subject: string; text: string; html: string } {
	const { subject, body, action } = mail.words;
	const footer = mail.words.footer ?? m.mail_footer({}, { locale: mail.locale });
	const stop = mail.unsubscribe ? m.mail_unsubscribe({}, { locale: mail.locale }) : '';
	const text = `${body}\n\n${action}:\n${MAIL_LINK_SLOT}\n\n${footer}\n${stop ? `\n${stop}:\n${mail.unsubscribe}\n` : ''}`;
	const html = `<!doctype html><html lang="${mail.locale}"><body style="font-family:sans-serif;line-height:1.5">
${paragraphs(body)}
<p><a href="${MAIL_LINK_SLOT}">${escapeHtml(action)}</a></p>
<p style="color:#555">${escapeHtml(footer)}</p>${stop ? `\n<p style="color:#555"><a href="${escapeHtml(mail.unsubscribe!)}">${escapeHtml(stop)}</a></p>` : ''}</body></html>`;
	return { subject, text, html };
}

/** A stored mail's text or HTML with its link put in (`escape` for HTML), or `hidden` where the link was removed. */
export function withLink(stored: string, link: string | null, hidden: string, escape = false): string {
	const shown = link ?? hidden;
	return stored.replaceAll(MAIL_LINK_SLOT, escape ? escapeHtml(shown) : shown);
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
	const mail = { ...given, link: onPublicOrigin(given.link), unsubscribe: given.unsubscribe && onPublicOrigin(given.unsubscribe) };
	const rendered = renderMail(mail);
	const [row] = await db
		.insert(mailOutbox)
		.values({ toAddress: mail.to, userId: mail.userId ?? null, senderId: mail.senderId ?? null, ...rendered, link: mail.link, unsubscribe: mail.unsubscribe ?? null })
		.returning({ id: mailOutbox.id });
	await emit(db, { type: MAIL_SEND, payload: { mailId: row!.id, kind: mail.kind } });
	const c = config();
	if (!c.smtpUrl && c.nodeEnv === 'development') logger.info({ event: 'mail_link', kind: mail.kind, link: mail.link }, 'mail queued');
}

let transport: { url: string; via: Transporter } | undefined;

/** Where mail goes: SMTP_URL's server (none configured: undefined, the outbox only). */
function smtpTransport(): Transporter | undefined {
	const url = config().smtpUrl;
	if (!url) return undefined;
	if (transport?.url !== url) transport = { url, via: nodemailer.createTransport(url) };
	return transport.via;
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
			text: withLink(mail.text, mail.link, ''),
			html: withLink(mail.html, mail.link, '', true),
			...(mail.unsubscribe ? { headers: { 'List-Unsubscribe': `<${mail.unsubscribe}>` } } : {}),
			messageId: `<outbox-${mail.id}-${mail.createdAt.getTime()}@praxis>`
		});
	} catch (error) {
		const message = (error as Error).message.slice(0, 500);
		logger.warn({ event: 'mail_failed', mailId }, 'mail could not be sent');
		await db.update(mailOutbox).set({ error: message }).where(eq(mailOutbox.id, mailId));
		throw error;
	}
	// Delivered: the stored copy loses its link (and with it the token).
	await db.update(mailOutbox).set({ sentAt: sql`now()`, error: null, link: null }).where(eq(mailOutbox.id, mailId));
}

/**
 * Housekeeping: undelivered mails lose their link after `linkHours` (their tokens have mostly
 * expired by then anyway) and every mail is deleted after `retentionDays`.
 */
export async function purgeOutbox(db: DbOrTx, keep: { linkHours: number; retentionDays: number }): Promise<void> {
	await db
		.update(mailOutbox)
		.set({ link: null })
		.where(and(isNotNull(mailOutbox.link), lt(mailOutbox.createdAt, sql`now() - make_interval(hours => ${keep.linkHours})`)));
	await db.delete(mailOutbox).where(lt(mailOutbox.createdAt, sql`now() - make_interval(days => ${keep.retentionDays})`));
}

export type OutboxMail = Omit<typeof mailOutbox.$inferSelect, 'link' | 'html' | 'unsubscribe'> & { hasLink: boolean };

/**
 * The newest mails, for the admin outbox (admins only): the text without its link (the token in
 * it is the recipient's credential), and whether the link is still kept for delivery.
 */
export async function listOutbox(db: DbOrTx, actor: Actor, limit = 100): Promise<Result<OutboxMail[]>> {
	if (!can(actor, 'admin:outbox')) return problem('forbidden');
	const rows = await db
		.select({
			id: mailOutbox.id,
			toAddress: mailOutbox.toAddress,
			userId: mailOutbox.userId,
			senderId: mailOutbox.senderId,
			subject: mailOutbox.subject,
			text: mailOutbox.text,
			createdAt: mailOutbox.createdAt,
			sentAt: mailOutbox.sentAt,
			error: mailOutbox.error,
			hasLink: sql<boolean>`${mailOutbox.link} is not null`
		})
		.from(mailOutbox)
		.orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
		.limit(limit);
	return ok(rows);
}

/** Whether mail leaves the platform (SMTP_URL is set); without it the outbox is where mail waits. */
export function mailIsDelivered(): boolean {
	return smtpTransport() !== undefined;
}

/**
 * Without SMTP the administrator is the postman: an undelivered mail's link is shown to them once
 * (audit-logged), to pass on, and no longer stored. With SMTP nobody is shown a link.
 */
export async function revealOutboxLink(db: DbOrTx, actor: Actor, mailId: number, ip: string): Promise<Result<{ to: string; link: string }>> {
	if (!actor || !can(actor, 'admin:outbox') || mailIsDelivered()) return problem('forbidden');
	const taken = await db.transaction(async (tx) => {
		const [row] = await tx
			.select({ to: mailOutbox.toAddress, link: mailOutbox.link })
			.from(mailOutbox)
			.where(and(eq(mailOutbox.id, mailId), isNotNull(mailOutbox.link), isNull(mailOutbox.sentAt)))
			.for('update');
		if (!row?.link) return undefined;
		await tx.update(mailOutbox).set({ link: null }).where(eq(mailOutbox.id, mailId));
		await audit(tx, { event: 'mail_link_revealed', actorId: actor.id, ip, detail: { mailId } });
		return { to: row.to, link: row.link };
	});
	return taken ? ok(taken) : problem('not_found', { field: 'form', key: 'admin_outbox_link_gone' });
}

/** The newest mails with their links, for the operator's `npm run outbox` (a shell on the server, not the web). */
export async function outboxWithLinks(db: DbOrTx, limit: number, to?: string) {
	const rows = await db
		.select()
		.from(mailOutbox)
		.where(to ? eq(mailOutbox.toAddress, to.toLowerCase()) : undefined)
		.orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
		.limit(limit);
	return rows.map((r) => ({ id: r.id, to: r.toAddress, subject: r.subject, createdAt: r.createdAt, sentAt: r.sentAt, text: withLink(r.text, r.link, '') }));
}

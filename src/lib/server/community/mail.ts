import { m } from '../../paraglide/messages.js';
import type { AppLocale } from '../../i18n/locales.ts';
import type { MailTemplate } from '../capability.ts';

/** An announcement to every member of an organisation's or a cohort's space. Params: author, space, title. */
const community_announcement: MailTemplate = (p, locale) => {
	const o = { locale };
	const params = { author: p.author ?? '', space: p.space ?? '', title: p.title ?? '' };
	return {
		subject: m.mail_announcement_subject(params, o),
		body: m.mail_announcement_body(params, o),
		action: m.mail_announcement_action({}, o),
		footer: m.mail_announcement_footer(params, o)
	};
};

/** The digest of unread notices. Params: items (lines, see `digestLine`), more (how many were left out, or ''), period ('daily' | 'weekly'). */
const community_digest: MailTemplate = (p, locale) => {
	const o = { locale };
	const more = p.more ? `\n\n${m.mail_digest_more({ count: p.more }, o)}` : '';
	return {
		subject: m.mail_digest_subject({}, o),
		body: `${m.mail_digest_body({}, o)}\n\n${p.items ?? ''}${more}`,
		action: m.mail_digest_action({}, o),
		footer: p.period === 'daily' ? m.mail_digest_footer_daily({}, o) : m.mail_digest_footer_weekly({}, o)
	};
};

/** A mention, mailed at once to those who chose it. Params: author, title, space, excerpt. */
const community_mention: MailTemplate = (p, locale) => {
	const o = { locale };
	const params = { author: p.author || m.community_deleted_member({}, o), title: p.title ?? '', space: p.space ?? '' };
	return {
		subject: m.mail_mention_subject(params, o),
		body: `${m.mail_mention_body(params, o)}\n\n${p.excerpt ?? ''}`,
		action: m.mail_mention_action({}, o),
		footer: m.mail_mention_footer({}, o)
	};
};

export const COMMUNITY_MAILS = { community_announcement, community_digest, community_mention } satisfies Record<string, MailTemplate>;

/** One notice as a line of the digest. */
export function digestLine(notice: { kind: 'reply' | 'mention'; actor_name: string | null; thread_title: string; space_title: string }, locale: AppLocale): string {
	const o = { locale };
	const params = { author: notice.actor_name ?? m.community_deleted_member({}, o), title: notice.thread_title, space: notice.space_title };
	return `• ${notice.kind === 'mention' ? m.mail_digest_line_mention(params, o) : m.mail_digest_line_reply(params, o)}`;
}

import { m } from '../../paraglide/messages.js';
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

export const COMMUNITY_MAILS = { community_announcement } satisfies Record<string, MailTemplate>;

import { m } from '../../paraglide/messages.js';
import type { MailTemplate } from '../capability.ts';

/** A leader's reminder to a member who has not finished rating. Params: round, organisation, deadline. */
const quality_reminder: MailTemplate = (p, locale) => {
	const o = { locale };
	const params = { round: p.round ?? '', organisation: p.organisation ?? '', deadline: p.deadline ?? '' };
	return {
		subject: m.mail_quality_reminder_subject(params, o),
		body: m.mail_quality_reminder_body(params, o),
		action: m.mail_quality_reminder_action({}, o),
		footer: m.mail_quality_reminder_footer(params, o)
	};
};

export const QUALITY_MAILS = { quality_reminder } satisfies Record<string, MailTemplate>;

import { m } from '../../../paraglide/messages.js';
import type { MailTemplate } from '../../capability.ts';

/** An invitation to a cohort, possibly to someone without an account. Params: cohort, course, inviter. */
const cohort_invitation: MailTemplate = (p, locale) => {
	const o = { locale };
	const params = { cohort: p.cohort ?? '', course: p.course ?? '', inviter: p.inviter ?? '' };
	return {
		subject: m.mail_cohort_subject(params, o),
		body: m.mail_cohort_body(params, o),
		action: m.mail_cohort_action({}, o),
		footer: m.mail_cohort_footer(params, o)
	};
};

export const COHORT_MAILS = { cohort_invitation } satisfies Record<string, MailTemplate>;

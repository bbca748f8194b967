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

/** A module of a cohort's course is due soon and the member has not completed it. Params: module, course, cohort, date. */
const cohort_due_reminder: MailTemplate = (p, locale) => {
	const o = { locale };
	const params = { module: p.module ?? '', course: p.course ?? '', cohort: p.cohort ?? '', date: p.date ?? '' };
	return {
		subject: m.mail_due_subject(params, o),
		body: m.mail_due_body(params, o),
		action: m.mail_due_action({}, o),
		footer: m.mail_due_footer(params, o)
	};
};

export const COHORT_MAILS = { cohort_invitation, cohort_due_reminder } satisfies Record<string, MailTemplate>;

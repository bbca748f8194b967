import { m } from '../../paraglide/messages.js';
import type { MailTemplate } from '../capability.ts';

/** The account mails, each in the recipient's language; `name` is the recipient's display name. */
export const ACCOUNT_MAILS = {
	verify_email: (p, locale) => ({
		subject: m.mail_verify_subject({}, { locale }),
		body: m.mail_verify_body({ name: p.name ?? '' }, { locale }),
		action: m.mail_verify_action({}, { locale })
	}),
	reset_password: (p, locale) => ({
		subject: m.mail_reset_subject({}, { locale }),
		body: m.mail_reset_body({ name: p.name ?? '' }, { locale }),
		action: m.mail_reset_action({}, { locale })
	}),
	change_email: (p, locale) => ({
		subject: m.mail_change_email_subject({}, { locale }),
		body: m.mail_change_email_body({ name: p.name ?? '' }, { locale }),
		action: m.mail_change_email_action({}, { locale })
	}),
	set_password: (p, locale) => ({
		subject: m.mail_set_password_subject({}, { locale }),
		body: m.mail_set_password_body({ name: p.name ?? '' }, { locale }),
		action: m.mail_set_password_action({}, { locale })
	}),
	account_exists: (p, locale) => ({
		subject: m.mail_account_exists_subject({}, { locale }),
		body: m.mail_account_exists_body({ name: p.name ?? '' }, { locale }),
		action: m.mail_account_exists_action({}, { locale })
	})
} satisfies Record<string, MailTemplate>;

export type AccountMailKind = keyof typeof ACCOUNT_MAILS;

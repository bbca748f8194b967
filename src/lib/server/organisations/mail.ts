import { m } from '../../paraglide/messages.js';
import type { MailTemplate } from '../capability.ts';

/**
 * An invitation to join an organisation. It may go to someone without an account, so its footer
 * says why it came. Params: organisation, inviter, role (`member` or `leader`).
 */
const invitation: MailTemplate = (p, locale) => {
	const o = { locale };
	const params = {
		organisation: p.organisation ?? '',
		inviter: p.inviter ?? '',
		role: p.role === 'leader' ? m.org_role_leader({}, o) : m.org_role_member({}, o)
	};
	return {
		subject: m.mail_invitation_subject(params, o),
		body: m.mail_invitation_body(params, o),
		action: m.mail_invitation_action({}, o),
		footer: m.mail_invitation_footer(params, o)
	};
};

export const ORGANISATION_MAILS = { invitation } satisfies Record<string, MailTemplate>;

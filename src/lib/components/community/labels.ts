import { m } from '#lib/paraglide/messages.js';

/** A flag reason in the reader's language. */
export function reasonLabel(reason: string): string {
	switch (reason) {
		case 'spam':
			return m.community_reason_spam();
		case 'abusive':
			return m.community_reason_abusive();
		case 'off_topic':
			return m.community_reason_off_topic();
		case 'personal_data':
			return m.community_reason_personal_data();
		default:
			return m.community_reason_other();
	}
}

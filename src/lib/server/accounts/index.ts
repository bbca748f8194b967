// Accounts: registration, sign-in, sessions, second factor, profile, administration of users.
// Services live in service.ts, sessions.ts, totp.ts, profile.ts and admin.ts; this file is the
// capability's manifest.
import type { Capability } from '../capability.ts';
import { ACCOUNT_MAILS } from './mail.ts';
import { ACCOUNT_DATA } from './personal-data.ts';

export const ACCOUNT_AUDIT_EVENTS = [
	'signup',
	'signin',
	'signin_failed',
	'signin_limited',
	'signout',
	'signout_everywhere',
	'session_revoked',
	'email_verified',
	'password_reset_requested',
	'password_reset',
	'password_changed',
	'email_change_requested',
	'email_changed',
	'totp_enabled',
	'totp_disabled',
	'role_changed',
	'account_disabled',
	'account_enabled',
	'data_exported',
	'mail_link_revealed',
	'account_deleted',
	'admin_created'
] as const;

export const accounts: Capability = {
	name: 'accounts',
	personalData: ACCOUNT_DATA,
	mail: ACCOUNT_MAILS,
	audit: ACCOUNT_AUDIT_EVENTS
};

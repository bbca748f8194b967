// Organisations (guidance services) with members, roles and invitations. Services live in
// service.ts; this file is the capability's manifest.
import type { Capability } from '../capability.ts';
import { ORGANISATION_MAILS } from './mail.ts';
import { ORGANISATION_DATA } from './personal-data.ts';

export const organisations: Capability = {
	name: 'organisations',
	personalData: ORGANISATION_DATA,
	mail: ORGANISATION_MAILS,
	audit: [
		'organisation_created',
		'invitation_sent',
		'invitation_revoked',
		'invitation_accepted',
		'invitation_declined',
		'member_removed',
		'member_left',
		'ownership_transferred'
	]
};

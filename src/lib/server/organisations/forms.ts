import { z } from 'zod';
import { COUNTRIES, SECTORS } from '../../accounts/options.ts';
import { email, languagesField, text, uuid } from '../forms/index.ts';
import { INVITABLE_ROLES } from '../policies/index.ts';

// Error messages are message keys, shown translated next to the field (the shared vocabulary is in forms/).

export const organisationForm = z.object({
	name: text(120),
	sector: z.enum(SECTORS, { error: 'error_choose' }),
	country: z.enum(COUNTRIES, { error: 'error_choose' }),
	// Plain text, escaped wherever it is shown.
	description: z.string().trim().max(2000, 'error_too_long').default(''),
	languages: languagesField
});

export const inviteForm = z.object({
	email,
	role: z.enum(INVITABLE_ROLES, { error: 'error_choose' })
});

/** A member chosen from the list (remove, transfer). */
export const memberForm = z.object({ userId: uuid('org_error_choose_member') });

/** A pending invitation chosen from the list (revoke). */
export const invitationForm = z.object({ invitation: z.string().min(1, 'error_invalid').max(100, 'error_invalid') });

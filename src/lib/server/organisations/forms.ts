import { z } from 'zod';
import { COUNTRIES, SECTORS } from '../../accounts/options.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { parseForm, type FieldErrors } from '../accounts/forms.ts';
import { INVITABLE_ROLES } from '../policies/index.ts';

// Error messages are message keys, shown translated next to the field (as in accounts/forms.ts).

export const organisationForm = z.object({
	name: z
		.string({ error: 'error_required' })
		.trim()
		.min(1, 'error_required')
		.max(120, 'error_too_long')
		.refine((value) => !/[<>]/.test(value), 'error_no_markup'),
	sector: z.enum(SECTORS, { error: 'error_choose' }),
	country: z.enum(COUNTRIES, { error: 'error_choose' }),
	// Plain text, escaped wherever it is shown.
	description: z.string().trim().max(2000, 'error_too_long').default(''),
	languages: z.array(z.enum(LOCALES, { error: 'error_choose' })).max(LOCALES.length, 'error_invalid').default([])
});

/**
 * Parses the organisation form. Its languages are checkboxes, so the field repeats; the rest is
 * parsed like every other form.
 */
export function parseOrganisationForm(
	form: FormData
): { ok: true; data: z.output<typeof organisationForm> } | { ok: false; errors: FieldErrors; values: Record<string, string>; languages: string[] } {
	const languages = form.getAll('languages').filter((value): value is string => typeof value === 'string');
	const single = parseForm(organisationForm.omit({ languages: true }), form);
	const many = organisationForm.shape.languages.safeParse(languages);
	if (single.ok && many.success) return { ok: true, data: { ...single.data, languages: many.data } };
	const errors: FieldErrors = single.ok ? {} : { ...single.errors };
	if (!many.success) errors.languages = 'error_choose';
	const values = single.ok ? Object.fromEntries(Object.entries(single.data).map(([k, v]) => [k, String(v)])) : single.values;
	return { ok: false, errors, values, languages: languages.slice(0, LOCALES.length) };
}

export const inviteForm = z.object({
	email: z
		.string({ error: 'error_required' })
		.trim()
		.min(1, 'error_required')
		.max(254, 'error_too_long')
		.pipe(z.email({ error: 'error_email_invalid' }))
		.transform((value) => value.toLowerCase()),
	role: z.enum(INVITABLE_ROLES, { error: 'error_choose' })
});

/** A member chosen from the list (remove, transfer). */
export const memberForm = z.object({ userId: z.uuid({ error: 'org_error_choose_member' }) });

/** A pending invitation chosen from the list (revoke). */
export const invitationForm = z.object({ invitation: z.string().min(1, 'error_invalid').max(100, 'error_invalid') });

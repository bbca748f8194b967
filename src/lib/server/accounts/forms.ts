import { z } from 'zod';
import { LOCALES } from '../../i18n/locales.ts';
import { COUNTRIES, SECTORS } from '../../accounts/options.ts';
import { PASSWORD_MAX, passwordProblem } from './passwords.ts';

// Error messages are message keys; pages show them translated next to the field.
const email = z
	.string({ error: 'error_required' })
	.trim()
	.min(1, 'error_required')
	.max(254, 'error_too_long')
	.pipe(z.email({ error: 'error_email_invalid' }))
	.transform((value) => value.toLowerCase());

const newPassword = z
	.string({ error: 'error_required' })
	.min(1, 'error_required')
	.superRefine((value, ctx) => {
		const problem = passwordProblem(value);
		if (problem) ctx.addIssue({ code: 'custom', message: `error_${problem}` });
	});

/** Required single-line text: trimmed, at most `max` characters, no markup or control characters. */
export const text = (max: number) =>
	z
		.string({ error: 'error_required' })
		.trim()
		.min(1, 'error_required')
		.max(max, 'error_too_long')
		.refine((value) => !/[<>]/.test(value), 'error_no_markup')
		.refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'error_invalid');

export const signUpForm = z.object({
	displayName: text(80),
	email,
	password: newPassword,
	locale: z.enum(LOCALES, { error: 'error_choose' }),
	country: z.enum(COUNTRIES, { error: 'error_choose' }),
	sector: z.enum(SECTORS, { error: 'error_choose' })
});

export const signInForm = z.object({
	email,
	password: z.string({ error: 'error_required' }).min(1, 'error_required').max(PASSWORD_MAX, 'error_too_long')
});

export const emailForm = z.object({ email });

export const newPasswordForm = z
	.object({ password: newPassword, confirm: z.string({ error: 'error_required' }) })
	.refine((value) => value.password === value.confirm, { path: ['confirm'], message: 'error_passwords_differ' });

export const changePasswordForm = z
	.object({
		current: z.string({ error: 'error_required' }).min(1, 'error_required').max(PASSWORD_MAX, 'error_too_long'),
		password: newPassword,
		confirm: z.string({ error: 'error_required' })
	})
	.refine((value) => value.password === value.confirm, { path: ['confirm'], message: 'error_passwords_differ' });

export const changeEmailForm = z.object({
	email,
	current: z.string({ error: 'error_required' }).min(1, 'error_required').max(PASSWORD_MAX, 'error_too_long')
});

export type FieldErrors = Record<string, string>;

/** Parses form data with a schema: the data, or the first error key of each field. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors; values: Record<string, string> } {
	const values: Record<string, string> = {};
	const input: Record<string, string | string[]> = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
		values[key] = value;
		// Repeated fields (checkbox groups) become lists.
		const seen = input[key];
		input[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
	}
	const errors: FieldErrors = {};
	// PostgreSQL cannot store a NUL character in text: refuse it here, for every field.
	for (const [key, value] of Object.entries(values)) if (value.includes('\u0000')) errors[key] = 'error_invalid';
	const result = schema.safeParse(input);
	if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
	for (const issue of result.success ? [] : result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		// A schema's messages are message keys: the shared `error_…` ones or a capability's own (`author_…`).
		errors[field] ??= /^(error|author)_[a-z0-9_]+$/.test(issue.message) ? issue.message : 'error_invalid';
	}
	// Passwords are never sent back to the browser.
	delete values.password;
	delete values.current;
	delete values.confirm;
	return { ok: false, errors, values };
}

/** A group of language checkboxes: none, one or several of the platform's locales. */
export const languagesField = z.preprocess(
	(value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
	z.array(z.enum(LOCALES, { error: 'error_choose' })).max(LOCALES.length, 'error_invalid')
);

export const profileForm = z.object({
	displayName: text(80),
	locale: z.enum(LOCALES, { error: 'error_choose' }),
	country: z.enum(COUNTRIES, { error: 'error_choose' }),
	sector: z.enum(SECTORS, { error: 'error_choose' }),
	bio: z
		.string()
		.trim()
		.max(1000, 'error_too_long')
		.refine((value) => !/[<>]/.test(value), 'error_no_markup')
		.default(''),
	languages: languagesField,
	profileVisible: z.literal('on').optional().transform((value) => value === 'on')
});

export const passwordOnlyForm = z.object({
	current: z.string({ error: 'error_required' }).min(1, 'error_required').max(PASSWORD_MAX, 'error_too_long')
});

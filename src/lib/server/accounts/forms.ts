import { z } from 'zod';
import { LOCALES } from '../../i18n/locales.ts';
import { email, languagesField, text } from '../forms/index.ts';
import { COUNTRIES, SECTORS } from '../../accounts/options.ts';
import { PASSWORD_MAX, passwordProblem } from './passwords.ts';

// Error messages are message keys; pages show them translated next to the field.
const newPassword = z
	.string({ error: 'error_required' })
	.min(1, 'error_required')
	.superRefine((value, ctx) => {
		const problem = passwordProblem(value);
		if (problem) ctx.addIssue({ code: 'custom', message: `error_${problem}` });
	});

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

/** Deleting the account: the password, and what becomes of one's community posts (kept under "deleted member" unless chosen otherwise). */
export const deleteAccountForm = passwordOnlyForm.extend({ writing: z.enum(['keep', 'remove'], { error: 'error_choose' }).default('keep') });

import { z } from 'zod';
import { LOCALES } from '../../i18n/locales.ts';

// The field vocabulary every form, API body and content file shares. Messages are message keys
// (`error_…`), shown translated next to the field; content files pass their own English wording.

/** A slug or key: lowercase letters and digits in groups joined by single hyphens (`foundations`, `key-terms`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Any UUID PostgreSQL's `uuid` type accepts in its canonical form (ids come from URLs and forms). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Control characters: PostgreSQL cannot store NUL, and the others only hide or garble text. */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Control characters other than tab and line breaks, which multi-line text keeps. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Whether a value from outside (URL, form) is a slug, so it may be looked up. */
export function isSlug(value: unknown, max = 100): value is string {
	return typeof value === 'string' && value.length <= max && SLUG.test(value);
}

/** Whether a value from outside is a UUID, so it may reach a `uuid` column without a cast error. */
export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

/** Whether a value from outside is a small positive integer id (a `serial`/`integer` column). */
export function isNumericId(value: unknown): boolean {
	return typeof value === 'string' ? /^\d{1,9}$/.test(value) : Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 31;
}

/** A required slug or key of at most `max` characters. */
export const slug = (options: { max?: number; message?: string } = {}) =>
	z
		.string({ error: 'error_required' })
		.trim()
		.min(1, 'error_required')
		.max(options.max ?? 60, 'error_too_long')
		.regex(SLUG, options.message ?? 'error_invalid');

/** A UUID chosen from a list or taken from the address; anything else is `message` (never a SQL error). */
export const uuid = (message = 'error_invalid') => z.string({ error: message }).trim().regex(UUID, message);

/** An integer id (a `serial` column), sent as digits. */
export const numericId = (message = 'error_invalid') =>
	z
		.string({ error: message })
		.regex(/^\d{1,9}$/, message)
		.transform(Number);

/** Optional text of at most `max` characters, trimmed; line breaks and tabs allowed, other control characters not. */
export const plainText = (max: number) =>
	z
		.string({ error: 'error_required' })
		.trim()
		.max(max, 'error_too_long')
		.refine((value) => !CONTROL_IN_TEXT.test(value), 'error_invalid');

/** Required text of at most `max` characters (multi-line allowed). */
export const requiredText = (max: number) => plainText(max).pipe(z.string().min(1, 'error_required'));

/** Required single-line text: trimmed, at most `max` characters, no control characters or line breaks. */
export const singleLine = (max: number) =>
	z
		.string({ error: 'error_required' })
		.trim()
		.min(1, 'error_required')
		.max(max, 'error_too_long')
		.refine((value) => !CONTROL.test(value), 'error_invalid');

/** A required single-line name people see (display names, organisation and cohort names): no markup either. */
export const text = (max: number) =>
	z
		.string({ error: 'error_required' })
		.trim()
		.min(1, 'error_required')
		.max(max, 'error_too_long')
		.refine((value) => !/[<>]/.test(value), 'error_no_markup')
		.refine((value) => !CONTROL.test(value), 'error_invalid');

/** An email address, trimmed and lowercased. */
export const email = z
	.string({ error: 'error_required' })
	.trim()
	.min(1, 'error_required')
	.max(254, 'error_too_long')
	.pipe(z.email({ error: 'error_email_invalid' }))
	.transform((value) => value.toLowerCase());

/** A group of language checkboxes: none, one or several of the platform's locales. */
export const languagesField = z.preprocess(
	(value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
	z.array(z.enum(LOCALES, { error: 'error_choose' })).max(LOCALES.length, 'error_invalid')
);

/** The `page` of a paged list's address: a whole number from 1 (anything else is the first page). */
export function pageNumber(params: URLSearchParams, max = 10_000): number {
	const page = Number(params.get('page'));
	return Number.isInteger(page) && page >= 1 && page <= max ? page : 1;
}

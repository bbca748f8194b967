import { deLocalizePath } from '../../i18n/paths.ts';

/**
 * Where to go after signing in: a path on this site only (never `//host` or a full URL, so a
 * crafted link cannot send people elsewhere), without its locale prefix.
 */
export function safeNext(value: FormDataEntryValue | string | null | undefined): string | null {
	if (typeof value !== 'string' || value.length > 300) return null;
	if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f]/.test(value)) return null;
	return deLocalizePath(value);
}

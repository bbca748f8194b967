import { getLocale } from '#lib/paraglide/runtime.js';
import { isAppLocale, type AppLocale } from './locales.ts';

// Every page lives under its locale: /en/…, /nb/…. Plain string work, on purpose: this runs
// a dozen times per page, and URL pattern matching costs far more than the page itself.

/** The path without its locale prefix: /nb/glossary → /glossary, /nb → /. */
export function deLocalizePath(path: string): string {
	const first = path.split('/')[1];
	if (!isAppLocale(first)) return path;
	const rest = path.slice(first.length + 1);
	return rest === '' ? '/' : rest;
}

/** The locale a path starts with, if any. */
export function localeOfPath(path: string): AppLocale | undefined {
	const first = path.split('/')[1];
	return isAppLocale(first) ? first : undefined;
}

/** A link to `href` (path, optionally with query or hash) in `locale`, the reader's by default. */
export function localizeHref(href: string, options: { locale?: AppLocale } = {}): string {
	const locale = options.locale ?? getLocale();
	const cut = href.search(/[?#]/);
	const path = cut === -1 ? href : href.slice(0, cut);
	const suffix = cut === -1 ? '' : href.slice(cut);
	const bare = deLocalizePath(path);
	return `/${locale}${bare === '/' ? '' : bare}${suffix}`;
}

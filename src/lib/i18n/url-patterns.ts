import { LOCALES } from './locales.ts';

// Every locale, English included, lives under its own prefix (/en/…, /nb/…), so a bare URL
// is free to redirect to the visitor's preferred language.
const origin = ':protocol://:domain(.*)::port?';

export const localeUrlPatterns = [
	{
		pattern: `${origin}/:path(.*)?`,
		localized: LOCALES.map((locale) => [locale, `${origin}/${locale}/:path(.*)?`] as [string, string])
	}
];

/** The platform's locales, in the order the language switcher shows them. */
export const LOCALES = ['en', 'nb', 'cs', 'sk', 'pl'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const BASE_LOCALE: AppLocale = 'en';

/** Each language's own name, for the language switcher (shown in that language on purpose). */
export const LOCALE_NAMES: Record<AppLocale, string> = {
	en: 'English',
	nb: 'Norsk bokmål',
	cs: 'Čeština',
	sk: 'Slovenčina',
	pl: 'Polski'
};

export function isAppLocale(value: unknown): value is AppLocale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

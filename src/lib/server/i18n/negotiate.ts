import type { Cookies } from '@sveltejs/kit';
import { BASE_LOCALE, isAppLocale, type AppLocale } from '../../i18n/locales.ts';

export const LOCALE_COOKIE = 'praxis_locale';

// Paths that are not pages and carry no language.
const UNLOCALISED = /^\/(?:healthz|readyz|favicon\.svg|robots\.txt|_app\/|api\/)/;

/** The best of our locales for an Accept-Language header (q-values respected), if any. */
export function localeFromAcceptLanguage(header: string | null): AppLocale | undefined {
	if (!header) return undefined;
	const ranked = header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
		})
		.filter((entry) => entry.tag && entry.q > 0 && !Number.isNaN(entry.q))
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { tag } of ranked) {
		const primary = tag.split('-')[0];
		// Norwegian: "no" and Nynorsk readers get Bokmål, the written standard we offer.
		const mapped = primary === 'no' || primary === 'nn' ? 'nb' : primary;
		if (isAppLocale(mapped)) return mapped;
	}
	return undefined;
}

/**
 * For a URL without a locale prefix, the redirect to the reader's language: the remembered
 * choice, else the browser's preference, else English. 'unlocalised' for non-page paths;
 * undefined when the URL already names a locale.
 */
export function localeRedirect(
	url: URL,
	headers: Headers,
	cookie: string | undefined
): Response | 'unlocalised' | undefined {
	if (UNLOCALISED.test(url.pathname)) return 'unlocalised';
	const first = url.pathname.split('/')[1];
	if (isAppLocale(first)) return undefined;
	// A mistyped prefix (`/EN/learn`, `/en-GB/learn`, `/no/learn`) means that language: fix it
	// instead of putting a second prefix in front (`/en/EN/learn`, a 404).
	const typed = typedLocale(first);
	if (typed) {
		return new Response(null, {
			status: 308,
			headers: { location: `/${typed}${url.pathname.slice(first!.length + 1)}${url.search}`, 'cache-control': 'no-store' }
		});
	}
	const locale = isAppLocale(cookie)
		? cookie
		: (localeFromAcceptLanguage(headers.get('accept-language')) ?? BASE_LOCALE);
	return new Response(null, {
		status: 307,
		headers: {
			location: `/${locale}${url.pathname === '/' ? '' : url.pathname}${url.search}`,
			vary: 'Accept-Language, Cookie',
			'cache-control': 'no-store'
		}
	});
}

/** The locale a first path segment such as `EN`, `nb-NO` or `no` stands for, if any. */
function typedLocale(segment: string | undefined): AppLocale | undefined {
	if (!segment || !/^[a-z]{2}(?:[-_][a-z]{2,4})?$/i.test(segment)) return undefined;
	const primary = segment.toLowerCase().split(/[-_]/)[0];
	const mapped = primary === 'no' || primary === 'nn' ? 'nb' : primary;
	return isAppLocale(mapped) ? mapped : undefined;
}

/**
 * Whether a page in `locale` sets the language cookie for this visitor: when it differs from their
 * cookie, or, without one, from the language their browser prefers.
 */
export function localeCookieChanges(current: string | undefined, acceptLanguage: string | null, locale: string): boolean {
	if (current === locale) return false;
	const preferred = localeFromAcceptLanguage(acceptLanguage) ?? BASE_LOCALE;
	return !(current === undefined && locale === preferred);
}

/**
 * Remembers a language the reader chose: one that differs from what their browser asks for,
 * or from what they chose before. Reading in the browser's own language sets no cookie.
 */
export function rememberLocale(cookies: Cookies, headers: Headers, locale: string, secure: boolean): void {
	if (!localeCookieChanges(cookies.get(LOCALE_COOKIE), headers.get('accept-language'), locale)) return;
	cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		maxAge: 60 * 60 * 24 * 365,
		httpOnly: true,
		sameSite: 'lax',
		secure
	});
}

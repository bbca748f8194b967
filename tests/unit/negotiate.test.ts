import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, localeRedirect } from '../../src/lib/server/i18n/negotiate.ts';

describe('language negotiation', () => {
	it.each([
		['cs-CZ,cs;q=0.9,en;q=0.8', 'cs'],
		['de-DE,pl;q=0.7,en;q=0.5', 'pl'],
		['en;q=0.3,sk;q=0.9', 'sk'],
		['no', 'nb'],
		['nn-NO', 'nb'],
		['nb-NO,nb;q=0.9', 'nb'],
		['de-DE,fr;q=0.5', undefined],
		['', undefined]
	])('Accept-Language %j gives %s', (header, expected) => {
		expect(localeFromAcceptLanguage(header)).toBe(expected);
	});

	it('redirects a bare URL to the preferred language, keeping path and query', () => {
		const response = localeRedirect(
			new URL('http://localhost/glossary?q=career'),
			new Headers({ 'accept-language': 'sk' }),
			undefined
		);
		expect(response).toBeInstanceOf(Response);
		expect((response as Response).status).toBe(307);
		expect((response as Response).headers.get('location')).toBe('/sk/glossary?q=career');
		expect((response as Response).headers.get('vary')).toContain('Accept-Language');
	});

	it('prefers the remembered choice over the browser', () => {
		const response = localeRedirect(new URL('http://localhost/'), new Headers({ 'accept-language': 'sk' }), 'pl');
		expect((response as Response).headers.get('location')).toBe('/pl');
	});

	it('leaves localized pages and health checks alone', () => {
		expect(localeRedirect(new URL('http://localhost/nb/glossary'), new Headers(), undefined)).toBeUndefined();
		expect(localeRedirect(new URL('http://localhost/healthz'), new Headers(), undefined)).toBe('unlocalised');
	});

	it.each([
		['/EN/learn', '/en/learn'],
		['/Nb/glossary?q=x', '/nb/glossary?q=x'],
		['/en-GB/learn', '/en/learn'],
		['/no/frameworks', '/nb/frameworks'],
		['/PL', '/pl']
	])('corrects the mistyped locale of %s to %s', (typed, fixed) => {
		const response = localeRedirect(new URL(`http://localhost${typed}`), new Headers({ 'accept-language': 'sk' }), undefined) as Response;
		expect(response.status).toBe(308);
		expect(response.headers.get('location')).toBe(fixed);
	});

	it('still puts a prefix before an ordinary path', () => {
		const response = localeRedirect(new URL('http://localhost/learn'), new Headers(), undefined) as Response;
		expect(response.headers.get('location')).toBe('/en/learn');
	});
});

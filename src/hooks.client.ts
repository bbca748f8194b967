import { defineCustomClientStrategy } from '#lib/paraglide/runtime.js';
import { localeOfPath } from '#lib/i18n/paths.ts';

// Pages with a browser island read their language from the URL prefix, as the server did.
defineCustomClientStrategy('custom-path', {
	getLocale: () => localeOfPath(window.location.pathname),
	setLocale: () => {}
});

import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import { error } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { overwriteServerAsyncLocalStorage } from '#lib/paraglide/runtime.js';
import { localeOfPath } from '#lib/i18n/paths.ts';
import type { AppLocale } from '#lib/i18n/locales.ts';
import { db, startApp, stopApp } from '#lib/server/platform/app.ts';
import { validateSession } from '#lib/server/accounts/sessions.ts';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { logger } from '#lib/server/log/index.ts';
import { localeRedirect, rememberLocale } from '#lib/server/i18n/negotiate.ts';
import { securityHeaders } from '#lib/server/http/security-headers.ts';
import { bodyWasTooLarge } from '#lib/server/http/body-limit.ts';
import { compressPage } from '#lib/server/http/compress.ts';
import { cacheSlot, storePage } from '#lib/server/http/page-cache.ts';
import { config } from '#lib/server/config/index.ts';
import { m } from '#lib/paraglide/messages.js';

export const init: ServerInit = async () => {
	await startApp();
	// adapter-node emits this once the HTTP server has stopped and in-flight requests are done.
	process.once('sveltekit:shutdown' as 'exit', () => {
		void stopApp().finally(() => process.exit(0));
	});
};

const REQUEST_ID = /^[\w.-]{1,64}$/;

const requestContext: Handle = async ({ event, resolve }) => {
	const incoming = event.request.headers.get('x-request-id');
	event.locals.requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
	const started = performance.now();
	const pageLocale = localeOfPath(event.url.pathname) ?? 'en';
	// A public content page rendered for a visitor is kept, and scripts/start.ts serves it next time.
	const headers = event.request.headers;
	const slot =
		config().nodeEnv === 'development'
			? null
			: cacheSlot({ method: event.request.method, origin: event.url.origin, target: event.url.pathname + event.url.search, cookie: headers.get('cookie'), acceptLanguage: headers.get('accept-language') });
	refuseUnreadableForms(event.request, pageLocale);
	let response = (await carriesNul(event.request, event.url))
		? plainPage(pageLocale, 400, m.error_bad_request_title({}, { locale: pageLocale }), m.error_invalid({}, { locale: pageLocale }))
		: await resolve(event);
	// scripts/start.ts cut the body off at its route's limit; whatever the route made of the broken read, this is the answer.
	if (bodyWasTooLarge(event.request.headers)) {
		response = plainPage(pageLocale, 413, m.error_body_too_large_title({}, { locale: pageLocale }), m.error_body_too_large_text({}, { locale: pageLocale }));
		response.headers.set('connection', 'close');
	}
	response.headers.set('x-request-id', event.locals.requestId);
	securityHeaders(response.headers, event.url.protocol === 'https:');
	if (slot) response = await storePage(slot, response);
	const path = event.url.pathname;
	// Paths only, never query strings: they can carry what people type.
	logger[path === '/healthz' || path === '/readyz' ? 'debug' : 'info'](
		{
			event: 'request',
			reqId: event.locals.requestId,
			method: event.request.method,
			path: event.route.id ?? path,
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return compressPage(event.request, response);
};

/**
 * A NUL character (%00) in the address or in a form's fields: no text anywhere in Praxis holds
 * one (PostgreSQL's text cannot), so it is refused here, once, instead of in every route.
 */
async function carriesNul(request: Request, url: URL): Promise<boolean> {
	if (/%00/i.test(url.pathname + url.search)) return true;
	if (!request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded')) return false;
	return /%00/i.test(await request.clone().text().catch(() => ''));
}

/**
 * A body that is not a form (JSON, XML, plain text, multipart without its end) fails every route's
 * `request.formData()`: that failure is the sender's (400, translated), not the server's (500).
 * A body cut off at its size limit keeps its own error (answered 413 above).
 */
function refuseUnreadableForms(request: Request, locale: AppLocale): void {
	const read = request.formData.bind(request);
	request.formData = async () => {
		try {
			return await read();
		} catch (cause) {
			if (bodyWasTooLarge(request.headers)) throw cause;
			error(400, m.error_invalid({}, { locale }));
		}
	};
}

/** A page of its own for refusals made before the app (400, 413): translated, with the security headers (added above) and a CSP of its own. */
function plainPage(locale: AppLocale, status: number, title: string, text: string): Response {
	const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
	return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" } });
}

// Paraglide's message functions read the request's locale from this store.
type LocaleStore = { locale?: AppLocale; origin?: string; messageCalls?: Set<string> };
const localeStorage = new AsyncLocalStorage<LocaleStore>();
overwriteServerAsyncLocalStorage(localeStorage);

const locale: Handle = ({ event, resolve }) => {
	const redirect = localeRedirect(event.url, event.request.headers, event.cookies.get('praxis_locale'));
	if (redirect === 'unlocalised') return resolve(event);
	if (redirect) return redirect;
	const current = localeOfPath(event.url.pathname)!;
	rememberLocale(event.cookies, event.request.headers, current, event.url.protocol === 'https:');
	return localeStorage.run({ locale: current, origin: event.url.origin }, () =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', current) })
	);
};

const authentication: Handle = async ({ event, resolve }) => {
	event.locals.session = null;
	event.locals.user = null;
	event.locals.pendingSecondFactor = null;
	const https = event.url.protocol === 'https:';
	const token = event.cookies.get(sessionCookieName(https));
	if (token) {
		const current = await validateSession(db(), token);
		if (!current) {
			clearSessionCookie(event.cookies, https);
		} else {
			if (!current.keep) setSessionCookie(event.cookies, https, current.renewed ?? token, current.expiresAt);
			if (current.user.totpEnabled && !current.secondFactorVerified) {
				event.locals.pendingSecondFactor = current;
			} else {
				event.locals.session = current;
				event.locals.user = current.user;
			}
		}
	}
	const response = await resolve(event);
	// Pages that depend on who is signed in must never be cached by shared caches. A response that
	// already says `private, max-age=…` (a post's image, unchanging at its address, checked for this
	// reader) may stay in the reader's own browser for that long.
	if (token && !/^private, max-age=\d+$/.test(response.headers.get('cache-control') ?? '')) response.headers.set('cache-control', 'private, no-store');
	return response;
};

export const handle = sequence(requestContext, locale, authentication);

export const handleError: HandleServerError = ({ kind, error, event }) => {
	const id = event.locals.requestId ?? randomUUID();
	// App errors (error(404, …)) and framework errors (unknown route) are expected and keep
	// their own message; only unknown errors are incidents, logged without request data.
	if (kind === 'unknown' && !(error instanceof Error && error.name === 'BodyTooLargeError')) {
		logger.error({ event: 'error', reqId: id, path: event.route.id ?? event.url.pathname, err: error }, 'unhandled error');
	}
	return { id };
};

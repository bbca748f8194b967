import type { RequestEvent } from '@sveltejs/kit';
import type { AppLocale } from '../../i18n/locales.ts';
import { getLocale } from '../../paraglide/runtime.js';
import { publicOrigin } from '../config/index.ts';
import { describeDevice } from './device.ts';
import type { Actor } from '../policies/index.ts';

/**
 * What services need to know about a request, without the request itself: the client's address,
 * the public origin for links, a device label and the page's language.
 */
export type RequestContext = { ip: string; origin: string; device: string; locale: AppLocale };

export function requestContext(event: RequestEvent): RequestContext {
	return {
		ip: event.getClientAddress(),
		// Links in mails go to the configured public origin, never to the request's Host.
		origin: publicOrigin(),
		device: describeDevice(event.request.headers.get('user-agent')),
		locale: getLocale()
	};
}

/** The policy layer's view of the signed-in user. */
export function actorOf(locals: App.Locals): Actor {
	const s = locals.session;
	if (!s) return null;
	return {
		id: s.user.id,
		role: s.user.role,
		emailVerified: s.user.emailVerified,
		totpEnabled: s.user.totpEnabled,
		secondFactorVerified: s.secondFactorVerified
	};
}

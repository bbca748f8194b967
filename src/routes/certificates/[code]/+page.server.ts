import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { badgesAvailable, getCertificate } from '#lib/server/learn/progress/index.ts';

/** Public: anyone with the code can check that the certificate is real. */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const certificate = await getCertificate(db(), actorOf(locals), params.code.slice(0, 40), getLocale());
	if (!certificate) error(404, m.cert_not_found());
	const { mine, ...shown } = certificate;
	return { certificate: shown, mine, badges: mine && (await badgesAvailable()), url: `${url.origin}${url.pathname}` };
};

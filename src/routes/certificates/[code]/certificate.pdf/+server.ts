import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localizeHref } from '#lib/i18n/paths.ts';
import { db } from '#lib/server/platform/app.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { certificatePdf, getCertificate } from '#lib/server/learn/progress/index.ts';

/** Public, as the certificate's page: the certificate as a PDF in the reader's language. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const locale = getLocale();
	const certificate = await getCertificate(db(), actorOf(locals), params.code.slice(0, 40), locale);
	if (!certificate) error(404, m.cert_not_found());
	const pdf = await certificatePdf(certificate, `${url.origin}${localizeHref(`/certificates/${certificate.code}`)}`, locale);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="praxis-certificate-${certificate.code}.pdf"`,
			'cache-control': 'private, max-age=300'
		}
	});
};

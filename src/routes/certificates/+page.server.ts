import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { normaliseCertificateCode } from '#lib/server/learn/progress/index.ts';

// The verification form is a GET form: the code goes into the certificate's own URL.
export const load: PageServerLoad = ({ url }) => {
	const code = url.searchParams.get('code');
	if (code?.trim()) redirect(303, localizeHref(`/certificates/${encodeURIComponent(normaliseCertificateCode(code.slice(0, 40)))}`));
	return {};
};

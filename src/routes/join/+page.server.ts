import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { localizeHref } from '#lib/i18n/paths.ts';
import { normaliseLiveCode } from '#lib/server/cards/index.ts';

// The short address a room types: a code field that sends the browser on to /join/<code>.
export const load: PageServerLoad = ({ url }) => {
	const typed = url.searchParams.get('code');
	if (typed === null) return { code: '', invalid: false };
	const code = normaliseLiveCode(typed.slice(0, 40));
	if (code) redirect(303, localizeHref(`/join/${code}`));
	return { code: typed.slice(0, 40), invalid: true };
};

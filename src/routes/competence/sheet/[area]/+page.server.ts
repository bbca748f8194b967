import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { currentStandardsVersion, loadStandards } from '#lib/server/competence/index.ts';
import { isSlug } from '#lib/server/forms/index.ts';

/** A blank area sheet for a team discussion: public, like the standards themselves. */
export const load: PageServerLoad = async ({ params }) => {
	if (!isSlug(params.area)) error(404, m.error_not_found_title());
	const version = await currentStandardsVersion(db());
	const standards = version ? await loadStandards(db(), version, getLocale()) : undefined;
	const area = standards?.areas.find((a) => a.key === params.area);
	if (!standards || !area) error(404, m.error_not_found_title());
	return { area, scale: standards.scale, version: standards.version };
};

import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/platform/app.ts';
import { hit } from '#lib/server/ratelimit/index.ts';
import { API_LIMIT, CORS, csvStream, practiceTemplate } from '#lib/server/practices/index.ts';

export const GET: RequestHandler = async (event) => {
	if (!(await hit(db(), API_LIMIT, event.getClientAddress()))) error(429, m.error_rate_limited());
	const template = await practiceTemplate(db(), 'en');
	if (!template) error(409, m.practices_error_no_template());
	return new Response(csvStream(db(), template, event.url.origin), {
		headers: { ...CORS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="practices.csv"' }
	});
};

import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { LICENCES } from '#lib/practices/options.ts';
import { db } from '#lib/server/platform/app.ts';
import { hit } from '#lib/server/ratelimit/index.ts';
import { API_LIMIT, CORS, jsonStream, practiceTemplate, refused } from '#lib/server/practices/index.ts';

export const GET: RequestHandler = async (event) => {
	if (!(await hit(db(), API_LIMIT, event.getClientAddress()))) {
		const answer = refused(429, 'rate_limited');
		return new Response(answer.body, { status: answer.status, headers: answer.headers });
	}
	const template = await practiceTemplate(db(), 'en');
	if (!template) error(409, m.practices_error_no_template());
	return new Response(jsonStream(db(), template, event.url.origin, LICENCES), {
		headers: { ...CORS, 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="practices.json"' }
	});
};

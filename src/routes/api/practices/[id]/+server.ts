import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { apiOne } from '#lib/server/practices/index.ts';

export const GET: RequestHandler = async (event) => {
	const answer = await apiOne(db(), event.url, event.params.id, event.getClientAddress(), event.request.headers.get('if-none-match'));
	return new Response(answer.body, { status: answer.status, headers: answer.headers });
};

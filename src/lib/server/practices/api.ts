import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db/client.ts';
import { hit, LIMITS } from '../ratelimit/index.ts';
import { API_MAX_PAGE_SIZE, API_PAGE_SIZE } from './openapi.ts';
import { apiPractice, apiPractices, filterFromQuery, queryOf } from './queries.ts';

// The open API's answers as plain values (status, headers, body), so every transport and test
// shares them: JSON with an ETag (304 when the client has it), CORS for GET from anywhere, and a
// limit per address of origin.

/** Reading the open API is limited per address (`LIMITS.practicesApiPerIp`). */
export const API_LIMIT = LIMITS.practicesApiPerIp;

export const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-expose-headers': 'ETag, Link' };

export type ApiAnswer = { status: number; headers: Record<string, string>; body: string | null };

function json(status: number, value: unknown, ifNoneMatch: string | null): ApiAnswer {
	const body = JSON.stringify(value);
	const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
	const headers = { ...CORS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=60', etag };
	if (status === 200 && ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return { status: 304, headers, body: null };
	return { status, headers, body };
}

/** A refusal in the shape of the OpenAPI document's `Error`. */
export const refused = (status: number, error: string): ApiAnswer => ({ status, headers: { ...CORS, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error }) });

/** GET /api/practices */
export async function apiList(db: DbOrTx, url: URL, ip: string, ifNoneMatch: string | null): Promise<ApiAnswer> {
	if (!(await hit(db, API_LIMIT, ip))) return refused(429, 'rate_limited');
	const filter = filterFromQuery(url.searchParams);
	const size = Number(url.searchParams.get('pageSize') ?? API_PAGE_SIZE);
	const pageSize = Number.isInteger(size) && size >= 1 && size <= API_MAX_PAGE_SIZE ? size : API_PAGE_SIZE;
	const { items, total } = await apiPractices(db, filter, pageSize, url.origin);
	const link = (page: number) => `${url.origin}/api/practices?${queryOf(filter, { page: String(page), pageSize: String(pageSize) })}`;
	const pages = Math.max(1, Math.ceil(total / pageSize));
	return json(
		200,
		{
			data: items,
			meta: { page: filter.page, pageSize, total },
			links: { self: link(filter.page), next: filter.page < pages ? link(filter.page + 1) : null, prev: filter.page > 1 ? link(Math.min(filter.page - 1, pages)) : null }
		},
		ifNoneMatch
	);
}

/** GET /api/practices/{id} */
export async function apiOne(db: DbOrTx, url: URL, id: string, ip: string, ifNoneMatch: string | null): Promise<ApiAnswer> {
	if (!(await hit(db, API_LIMIT, ip))) return refused(429, 'rate_limited');
	const found = await apiPractice(db, id, url.origin);
	return found ? json(200, found, ifNoneMatch) : refused(404, 'not_found');
}

import type { RequestHandler } from './$types';
import { CORS, OPENAPI } from '#lib/server/practices/index.ts';

export const GET: RequestHandler = () => new Response(JSON.stringify(OPENAPI, null, 2), { headers: { ...CORS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' } });

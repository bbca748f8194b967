import type { RequestHandler } from './$types';
import { publicKeySet } from '#lib/server/signing/index.ts';

/** The public keys that verify Praxis's Open Badges credentials (JSON Web Key Set). */
export const GET: RequestHandler = async () =>
	new Response(JSON.stringify(await publicKeySet()), {
		headers: { 'content-type': 'application/jwk-set+json', 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }
	});

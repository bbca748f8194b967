import type { RequestHandler } from './$types';
import { issuerProfile, OB_CONTEXT } from '#lib/server/learn/progress/index.ts';

/** The issuer of Praxis's Open Badges (the `issuer.id` of every credential), with where its keys are. */
export const GET: RequestHandler = ({ url }) =>
	new Response(JSON.stringify({ '@context': OB_CONTEXT, ...issuerProfile(url.origin), jwks: `${url.origin}/api/badges/jwks.json` }, null, 2), {
		headers: { 'content-type': 'application/ld+json', 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }
	});

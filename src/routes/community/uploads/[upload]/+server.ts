import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { readUpload } from '#lib/server/community/index.ts';
import { fileResponse } from '#lib/server/files/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { valueOf } from '#lib/server/http/respond.ts';

// An image never changes at its address: the reader's browser keeps it a day (privately: a shared
// cache must not hand an organisation's image to a stranger).
const DAY = 24 * 60 * 60;

/** An image put in a post, for whoever may read its space; anyone else (and a malformed id) gets a 404. */
export const GET: RequestHandler = async ({ locals, params, request }) =>
	fileResponse(valueOf(await readUpload(db(), actorOf(locals), params.upload)), null, { maxAge: DAY, ifNoneMatch: request.headers.get('if-none-match') });

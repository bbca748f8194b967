import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { fileResponse } from '#lib/server/files/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { valueOf } from '#lib/server/http/respond.ts';
import { readResourceFile } from '#lib/server/resources/index.ts';

/**
 * A resource's file (media, captions, transcript, download) for whoever may see the resource; anyone
 * else gets a 404. A `Range` request gets its bytes, so the player can seek in a film.
 */
export const GET: RequestHandler = async ({ locals, params, request }) =>
	fileResponse(valueOf(await readResourceFile(db(), actorOf(locals), params.slug, params.file)), request.headers.get('range'));

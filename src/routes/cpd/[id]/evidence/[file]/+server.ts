import type { RequestHandler } from './$types';
import { db } from '#lib/server/platform/app.ts';
import { evidenceFile } from '#lib/server/cpd/index.ts';
import { fileResponse } from '#lib/server/files/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { valueOf } from '#lib/server/http/respond.ts';

/** An evidence file of one's own CPD entry; anyone else gets the 404 of a file that does not exist. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireSession(locals);
	return fileResponse(valueOf(await evidenceFile(db(), actorOf(locals), params.id, params.file)));
};

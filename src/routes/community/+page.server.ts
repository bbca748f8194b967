import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { listSpaces } from '#lib/server/community/index.ts';
import { actorOf } from '#lib/server/http/context.ts';

export const load: PageServerLoad = async ({ locals }) => ({ spaces: await listSpaces(db(), actorOf(locals), getLocale()), signedIn: !!locals.user });

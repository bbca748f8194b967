import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { listFrameworks } from '#lib/server/frameworks/queries.ts';

export const load: PageServerLoad = async () => ({ frameworks: await listFrameworks(db(), getLocale()) });

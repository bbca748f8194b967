import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { careerButtons } from '#lib/server/resources/index.ts';

export const load: PageServerLoad = async ({ locals }) => ({ buttons: await careerButtons(db(), getLocale()), signedIn: !!locals.session });

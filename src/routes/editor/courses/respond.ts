import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { isAppLocale, type AppLocale } from '#lib/i18n/locales.ts';
import { requireCan } from '#lib/server/http/guards.ts';
import { refusal } from '#lib/server/http/respond.ts';
import type { Problem, Result } from '#lib/server/result/index.ts';
import { parseForm } from '#lib/server/forms/index.ts';

// What the course editor's routes share: turning a service's refusal into a response, reading
// a form whose body may be too large, and the language being edited.

/**
 * A refusal as the page shows it (through http/respond.ts, like every capability's): the message key
 * and its placeholders next to the field, in the form named `scope` (a page has several forms, some
 * with the same field names).
 */
export function refused(scope: string, problem: Problem, values: Record<string, string> = {}) {
	return refusal(problem, { frame: { scope, values } });
}

/** Fields that did not pass the form's schema. */
export function invalid(scope: string, errors: Record<string, string>, values: Record<string, string>) {
	return fail(400, { scope, errors, params: {} as Record<string, Record<string, string>>, values });
}

/** The form data, or null when the body cannot be read (larger than the server accepts, or broken). */
export async function formDataOf(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/** The language being edited, from `?locale=`; `fallback` when there is none or it is unknown. */
export function editedLocale(url: URL, fallback: AppLocale): AppLocale {
	const wanted = url.searchParams.get('locale');
	return isAppLocale(wanted) ? wanted : fallback;
}

/** The text fields of a form, to send back after a refusal so nothing typed is lost. */
export function textValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') values[key] = value;
	return values;
}

/**
 * The shape of most editor actions: check the policy, parse the form with `schema`, call one
 * service; a refusal comes back as the response for the form named `scope`.
 */
export async function perform<S extends z.ZodType, T>(
	event: { locals: App.Locals; request: Request },
	scope: string,
	schema: S,
	service: (data: z.output<S>) => Promise<Result<T>>
) {
	requireCan(event.locals, 'content:edit');
	const form = await event.request.formData();
	const parsed = parseForm(schema, form);
	if (!parsed.ok) return { ok: false as const, response: invalid(scope, parsed.errors, parsed.values) };
	const outcome = await service(parsed.data);
	if (!outcome.ok) return { ok: false as const, response: refused(scope, outcome.problem, textValues(form)) };
	return { ok: true as const, value: outcome.value };
}

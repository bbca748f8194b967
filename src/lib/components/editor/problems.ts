import { m } from '#lib/paraglide/messages.js';
import { errorsOf, valuesOf } from '#lib/forms.ts';

type Say = (inputs?: Record<string, string>) => string;
const messages = m as unknown as Record<string, Say | undefined>;

/** A message by its key with its placeholders (keys come from the server: `author_…`, `error_…`). */
export function say(key: string, params: Record<string, string> = {}): string {
	return messages[key]?.(params) ?? key;
}

/** Whether a form action's result is about the form named `scope`. */
export function isFor(form: unknown, scope: string): boolean {
	return !!form && typeof form === 'object' && 'scope' in form && (form as { scope: unknown }).scope === scope;
}

/** The translated error of one field of the form named `scope`, if the action's result has one. */
export function fieldError(form: unknown, scope: string, field: string): string | undefined {
	if (!isFor(form, scope)) return undefined;
	const key = errorsOf(form)[field];
	if (!key) return undefined;
	const all = form && typeof form === 'object' && 'params' in form ? (form as { params: Record<string, Record<string, string>> }).params : {};
	return say(key, all[field] ?? {});
}

/** Whether a form action's result says `flag` (e.g. `saved`). */
export function said(form: unknown, flag: string): boolean {
	return !!form && typeof form === 'object' && flag in form && !!(form as Record<string, unknown>)[flag];
}

/** The values the form named `scope` sent back after a refusal (so nothing typed is lost). */
export function sentValues(form: unknown, scope: string): Record<string, string> {
	return isFor(form, scope) ? valuesOf(form) : {};
}

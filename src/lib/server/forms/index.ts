import type { z } from 'zod';

// Forms: one parser and one field vocabulary (fields.ts) for every action, endpoint and content
// file. Low-level: imports no capability.
export * from './fields.ts';

export type FieldErrors = Record<string, string>;

// A schema's messages are message keys (`error_required`, `author_error_key`, `org_error_…`);
// anything else (a library's default English wording) is shown as the generic `error_invalid`.
const MESSAGE_KEY = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;
// Never sent back to the browser after a refusal.
const SECRET_FIELDS = ['password', 'current', 'confirm'];

/** Parses form data with a schema: the data, or the first error key of each field and the values sent. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors; values: Record<string, string> } {
	const values: Record<string, string> = {};
	const input: Record<string, string | string[]> = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
		values[key] = value;
		// Repeated fields (checkbox groups) become lists.
		const seen = input[key];
		input[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
	}
	const errors: FieldErrors = {};
	// PostgreSQL cannot store a NUL character in text: refuse it here, for every field.
	for (const [key, value] of Object.entries(values)) if (value.includes('\u0000')) errors[key] = 'error_invalid';
	const result = schema.safeParse(input);
	if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
	for (const issue of result.success ? [] : result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= MESSAGE_KEY.test(issue.message) ? issue.message : 'error_invalid';
	}
	for (const field of SECRET_FIELDS) delete values[field];
	return { ok: false, errors, values };
}

/** The file sent in a form's file field (its name and bytes), or undefined when none was chosen. */
export async function uploadedFile(form: FormData, field: string): Promise<{ name: string; data: Uint8Array } | undefined> {
	const file = form.get(field);
	if (!(file instanceof File) || file.size === 0) return undefined;
	return { name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
}

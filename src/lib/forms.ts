/** The field errors (message keys) of a form action's result, if any. */
export function errorsOf(form: unknown): Record<string, string> {
	return recordOf(form, 'errors');
}

/** The submitted values a form action sent back, if any (never passwords). */
export function valuesOf(form: unknown): Record<string, string> {
	return recordOf(form, 'values');
}

function recordOf(form: unknown, key: string): Record<string, string> {
	if (!form || typeof form !== 'object' || !(key in form)) return {};
	const value = (form as Record<string, unknown>)[key];
	return value && typeof value === 'object' ? (value as Record<string, string>) : {};
}

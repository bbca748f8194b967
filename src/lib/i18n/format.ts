// Dates, numbers and sorting in the reader's language. Building an Intl formatter or collator costs far more than using
// one (tens of microseconds, with a table of a hundred dates that is a visible share of a page), so
// each locale and set of options gets one, kept for the life of the process.

type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.Collator;
const formatters = new Map<string, Formatter>();

function cached<F extends Formatter>(kind: string, locale: string, options: object, make: () => F): F {
	const key = `${kind}|${locale}|${JSON.stringify(options)}`;
	let found = formatters.get(key) as F | undefined;
	if (!found) formatters.set(key, (found = make()));
	return found;
}

/** The one date-and-time formatter for `locale` and `options`. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
	return cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** The one number formatter for `locale` and `options`. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
	return cached('number', locale, options, () => new Intl.NumberFormat(locale, options));
}

/** A file's size as people read it: "1.4 MB", "12 kB" (at least 1 kB), in the reader's locale. */
export function formatFileSize(bytes: number, locale: string): string {
	return bytes >= 1024 * 1024
		? numberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)
		: numberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024));
}

/** A date in the reader's language, e.g. "23 November 2026" or "23. listopadu 2026". */
export function formatDate(date: Date | string, locale: string): string {
	return dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(date));
}

/** A number in the reader's language (grouping and decimal marks). */
export function formatNumber(value: number, locale: string): string {
	return numberFormat(locale).format(value);
}

/** The one collator for `locale` and `options`: sorts text as the reader's language does. */
export function collator(locale: string, options: Intl.CollatorOptions = {}): Intl.Collator {
	return cached('collator', locale, options, () => new Intl.Collator(locale, options));
}

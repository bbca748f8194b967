/** A date in the reader's language, e.g. "23 November 2026" or "23. listopadu 2026". */
export function formatDate(date: Date | string, locale: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(date));
}

/** A number in the reader's language (grouping and decimal marks). */
export function formatNumber(value: number, locale: string): string {
	return new Intl.NumberFormat(locale).format(value);
}

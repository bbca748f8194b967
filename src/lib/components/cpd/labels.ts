import { dateTimeFormat } from '#lib/i18n/format.ts';
import { m } from '#lib/paraglide/messages.js';

/** The translated name of a CPD entry type. */
export function typeLabel(type: string): string {
	const labels: Record<string, () => string> = {
		course: m.cpd_type_course,
		workshop: m.cpd_type_workshop,
		conference: m.cpd_type_conference,
		supervision: m.cpd_type_supervision,
		reading: m.cpd_type_reading,
		peer_learning: m.cpd_type_peer_learning,
		research: m.cpd_type_research,
		other: m.cpd_type_other
	};
	return labels[type]?.() ?? type;
}

export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** A month's name in the reader's language. */
export function monthName(month: number, locale: string): string {
	return dateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, month - 1, 1)));
}

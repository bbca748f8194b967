import { message } from '#lib/i18n/message.ts';
import { m } from '#lib/paraglide/messages.js';

// Labels of the resource library's fixed vocabulary (values come from the data).
const key = (value: string) => value.replaceAll('-', '_');
export const kindLabel = (kind: string) => message(`resources_kind_${kind}`);
export const sectorLabel = (sector: string) => message(`resources_sector_${key(sector)}`);
export const targetLabel = (target: string) => message(`resources_target_${target}`);
export const settingLabel = (setting: string) => message(`resources_setting_${setting}`);
export const qualityAreaLabel = (area: string) => message(`resources_area_${key(area)}`);
export const durationLabel = (band: string) => message(`resources_duration_${band}`);
export const minutesLabel = (minutes: number) => m.resources_minutes({ count: String(minutes) });

/** A language's name in the reader's language (for the languages a material exists in). */
export function languageLabel(code: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** The label of a facet value. */
export function facetValueLabel(facet: string, value: string, locale: string): string {
	switch (facet) {
		case 'kind':
			return kindLabel(value);
		case 'sector':
			return sectorLabel(value);
		case 'target':
			return targetLabel(value);
		case 'setting':
			return settingLabel(value);
		case 'qualityArea':
			return qualityAreaLabel(value);
		case 'duration':
			return durationLabel(value);
		default:
			return languageLabel(value, locale);
	}
}

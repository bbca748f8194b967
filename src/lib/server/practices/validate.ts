import { CHANNELS, FIELD_TEXT_MAX, LICENCES, PRACTICE_COUNTRIES, PRACTICE_LANGUAGES, PRACTICE_SECTORS, REGION_MAX, SUMMARY_MAX, TITLE_MAX } from '../../practices/options.ts';
import type { PracticeFields } from '../db/schema/practices.ts';
import { allFields, TEMPLATE_FACETS, type PracticeTemplate } from './template.ts';

// One check of a practice's content against the template, for every transport (form, autosave,
// content import, tests): unknown fields and option values, oversize text and control characters
// are refused, each with a message key next to its field; nothing is trimmed silently.

/** A practice as sent: every value a string (a form, a content file, an API body). */
export type PracticeDraft = {
	title: string;
	summary: string;
	country: string;
	region: string;
	sector: string;
	languages: string[];
	startYear: string;
	licence: string;
	channels: string[];
	fields: Record<string, { text?: string; options?: string[] }>;
};

/** A practice that passed the check, with its facet columns. */
export type PracticeInput = {
	title: string;
	summary: string;
	country: string;
	region: string;
	sector: string;
	languages: string[];
	startYear: number | null;
	licence: string;
	channels: string[];
	fields: PracticeFields;
	themes: string[];
	functions: string[];
	rationales: string[];
	audiences: string[];
	funding: string[];
	barriers: string[];
};

export const CONTROL = /[\u0000-\u001f\u007f]/;
export const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const within = (list: readonly string[], value: string) => list.includes(value);

/** Reads a practice's form: `text:<field>` and `options:<field>` for the template's fields. */
export function draftFromForm(form: FormData): PracticeDraft {
	const one = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
	const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
	const fields: PracticeDraft['fields'] = {};
	for (const [name, value] of form) {
		if (typeof value !== 'string') continue;
		const [kind, key] = [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)];
		if (kind === 'text') fields[key] = { ...fields[key], text: value };
		else if (kind === 'options') fields[key] = { ...fields[key], options: [...(fields[key]?.options ?? []), value] };
	}
	return {
		title: one('title'),
		summary: one('summary'),
		country: one('country'),
		region: one('region'),
		sector: one('sector'),
		languages: all('languages'),
		startYear: one('startYear'),
		licence: one('licence'),
		channels: all('channels'),
		fields
	};
}

export type Checked = { ok: true; value: PracticeInput } | { ok: false; errors: Record<string, string> };

/** Checks a practice against the template; every refused field with its message key. */
export function checkPractice(template: PracticeTemplate, draft: PracticeDraft): Checked {
	const errors: Record<string, string> = {};
	const title = draft.title.trim();
	if (!title) errors.title = 'error_required';
	else if (title.length > TITLE_MAX) errors.title = 'error_too_long';
	else if (CONTROL.test(title)) errors.title = 'error_invalid';
	const summary = draft.summary.trim();
	if (summary.length > SUMMARY_MAX) errors.summary = 'error_too_long';
	else if (CONTROL_IN_TEXT.test(summary)) errors.summary = 'error_invalid';
	if (!within(PRACTICE_COUNTRIES, draft.country)) errors.country = 'error_choose';
	if (!within(PRACTICE_SECTORS, draft.sector)) errors.sector = 'error_choose';
	const region = draft.region.trim();
	if (region.length > REGION_MAX) errors.region = 'error_too_long';
	else if (CONTROL.test(region)) errors.region = 'error_invalid';
	if (!draft.languages.every((l) => within(PRACTICE_LANGUAGES, l))) errors.languages = 'practices_error_option';
	let startYear: number | null = null;
	if (draft.startYear.trim()) {
		const year = /^\d{4}$/.test(draft.startYear.trim()) ? Number(draft.startYear.trim()) : NaN;
		if (!(year >= 1950 && year <= new Date().getUTCFullYear() + 1)) errors.startYear = 'practices_error_year';
		else startYear = year;
	}
	if (!within(LICENCES, draft.licence)) errors.licence = 'error_choose';
	if (!draft.channels.every((c) => within(CHANNELS, c))) errors.channels = 'practices_error_option';

	const known = new Map(allFields(template.sections).map((f) => [f.key, f]));
	const fields: PracticeFields = {};
	for (const [key, value] of Object.entries(draft.fields)) {
		const field = known.get(key);
		if (!field) {
			errors.form = 'practices_error_field';
			continue;
		}
		const text = (value.text ?? '').trim();
		if (text.length > FIELD_TEXT_MAX) errors[`text:${key}`] = 'error_too_long';
		else if (CONTROL_IN_TEXT.test(text)) errors[`text:${key}`] = 'error_invalid';
		const options = [...new Set(value.options ?? [])];
		const allowed = new Set(field.options.map((o) => o.key));
		if (options.some((o) => !allowed.has(o)) || (field.choice === 'single' && options.length > 1)) errors[`options:${key}`] = 'practices_error_option';
		const kept: { text?: string; options?: string[] } = {};
		if (text) kept.text = text;
		// In the template's order, so two records compare and export alike.
		if (options.length) kept.options = field.options.map((o) => o.key).filter((k) => options.includes(k));
		if (kept.text !== undefined || kept.options) fields[key] = kept;
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	const chosen = (key: string) => fields[key]?.options ?? [];
	return {
		ok: true,
		value: {
			title,
			summary,
			country: draft.country,
			region,
			sector: draft.sector,
			languages: PRACTICE_LANGUAGES.filter((l) => draft.languages.includes(l)),
			startYear,
			licence: draft.licence,
			channels: CHANNELS.filter((c) => draft.channels.includes(c)),
			fields,
			themes: chosen(TEMPLATE_FACETS.theme),
			functions: chosen(TEMPLATE_FACETS.function),
			rationales: chosen(TEMPLATE_FACETS.rationale),
			audiences: chosen(TEMPLATE_FACETS.audience),
			funding: chosen(TEMPLATE_FACETS.funding),
			barriers: chosen(TEMPLATE_FACETS.barrier)
		}
	};
}

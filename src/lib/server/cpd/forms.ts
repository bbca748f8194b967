import { z } from 'zod';
import { plainText, singleLine, uuid } from '../forms/index.ts';
import { CPD_TYPES, PROVIDER_MAX, REFLECTION_MAX, TITLE_MAX } from './entries.ts';

const isoDate = z
	.string({ error: 'error_required' })
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'cpd_error_date')
	.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'cpd_error_date');

/** A CPD entry as its form sends it (new, edit, confirm a draft). */
export const entryForm = z.object({
	title: singleLine(TITLE_MAX),
	type: z.enum(CPD_TYPES, { error: 'cpd_error_type' }),
	startsOn: isoDate,
	endsOn: z
		.union([z.literal(''), isoDate])
		.default('')
		.transform((v) => v || null),
	hours: z
		.string({ error: 'error_required' })
		.trim()
		.regex(/^\d{1,3}([.,]\d{1,2})?$/, 'cpd_error_hours')
		.transform((v) => Number(v.replace(',', '.'))),
	provider: plainText(PROVIDER_MAX).default(''),
	competenceAreas: z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z.array(z.string().regex(/^area-\d{1,2}$/, 'error_invalid')).max(20, 'error_invalid')
	),
	reflection: plainText(REFLECTION_MAX).default('')
});

export const settingsForm = z.object({
	targetHours: z
		.string({ error: 'error_required' })
		.trim()
		.regex(/^\d{1,3}([.,]\d{1,2})?$/, 'cpd_error_hours')
		.transform((v) => Number(v.replace(',', '.'))),
	yearStartMonth: z
		.string({ error: 'error_required' })
		.regex(/^(?:[1-9]|1[0-2])$/, 'error_invalid')
		.transform(Number)
});

/** Which evidence file a remove button names. */
export const evidenceForm = z.object({ file: uuid() });

/** The reminder choice on the year view: a checkbox, absent when unticked. */
export const reminderForm = z.object({
	remind: z.literal('yes', { error: 'error_invalid' }).optional().transform((v) => v === 'yes')
});

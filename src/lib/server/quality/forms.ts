import { z } from 'zod';
import { numericId, plainText, slug, text, uuid, SLUG } from '../forms/index.ts';
import { ACTION_STATUSES, ROUND_ROLES, type AreaAnswers } from './service.ts';

// The forms of Our quality: parsed with parseForm (forms/), messages are message keys.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (message = 'quality_error_date') =>
	z
		.string({ error: message })
		.trim()
		.regex(DATE, message)
		.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), message);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
/** A checkbox group: one value or several, none at all as an empty list. */
const list = <T extends z.ZodType>(schema: T, message: string) => z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(schema, { error: message }).max(50, message));

export const roundForm = z.object({
	framework: numericId('quality_error_framework'),
	title: text(200),
	deadline: date(),
	anonymous: z.preprocess((value) => value === 'on' || value === 'true', z.boolean()),
	liveResults: z.preprocess((value) => value === 'on' || value === 'true', z.boolean()),
	roles: list(z.enum(ROUND_ROLES, { error: 'quality_error_roles' }), 'quality_error_roles').pipe(z.array(z.enum(ROUND_ROLES)).min(1, 'quality_error_roles')),
	areas: list(z.string().regex(SLUG, 'quality_error_areas').max(100, 'quality_error_areas'), 'quality_error_areas').pipe(z.array(z.string()).min(1, 'quality_error_areas'))
});

export const linkForm = z.object({ label: text(100) });

export const areaForm = z.object({ area: slug({ max: 100 }) });

/** The answers of an area form: fields `value:<indicator>`, `evidence:<indicator>`, `comment:<indicator>`. */
export function answersOf(form: FormData): AreaAnswers {
	const out: AreaAnswers = {};
	for (const [name, value] of form) {
		const match = /^(value|evidence|comment):([a-z0-9-]{1,100})$/.exec(name);
		if (!match || typeof value !== 'string') continue;
		const entry = (out[match[2]!] ??= { value: '', evidence: '', comment: '' });
		entry[match[1] as 'value' | 'evidence' | 'comment'] = value;
	}
	return out;
}

/** What an action links to: `course`, `course/module/lesson` or `resource:slug` (a TrainingOption's value). */
const training = z
	.string()
	.trim()
	.max(300, 'error_too_long')
	.regex(/^(?:[a-z0-9-]+(?:\/[a-z0-9-]+\/[a-z0-9-]+)?|resource:[a-z0-9-]+)$/, 'error_invalid');

export const actionForm = z.object({
	roundId: optional(uuid()),
	criterion: optional(slug({ max: 100 })),
	goal: text(300),
	title: text(300),
	owner: optional(uuid('quality_error_owner')),
	deadline: optional(date()),
	notes: plainText(2000).default(''),
	training: optional(training)
});

export const actionUpdateForm = z.object({
	action: uuid(),
	status: z.enum(ACTION_STATUSES, { error: 'error_invalid' }),
	notes: plainText(2000).default(''),
	// Leaders also see the linked training; `relink` says the form carried that choice (an empty
	// choice unlinks), so that an owner's form, which has no such field, leaves the link alone.
	relink: z.literal('1').optional(),
	training: optional(training)
});

/** Join ('in') or leave ('out') the sector benchmark. */
export const benchmarkForm = z.object({ benchmark: z.enum(['in', 'out'], { error: 'error_invalid' }) });

import { z } from 'zod';
import { plainText, SLUG, slug, text, uuid } from '../forms/index.ts';
import { EVIDENCE_MAX, STATUS_NOTE_MAX, TARGET_STATUSES, TARGET_TITLE_MAX, type ElementTick } from './benchmark.ts';

// The self-benchmark's forms, parsed with parseForm (forms/); messages are message keys.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = z
	.string({ error: 'practices_benchmark_error_date' })
	.trim()
	.regex(DATE, 'practices_benchmark_error_date')
	.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'practices_benchmark_error_date');
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const list = (message: string) =>
	z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string().regex(SLUG, message).max(100, message), { error: message }).max(50, message));

export const themesForm = z.object({ themes: list('practices_error_option').pipe(z.array(z.string()).min(1, 'practices_benchmark_error_themes')) });

export const themeForm = z.object({ theme: slug({ max: 100, message: 'practices_benchmark_error_theme' }) });

export const targetForm = z.object({
	theme: slug({ max: 100, message: 'practices_benchmark_error_theme' }),
	element: optional(slug({ max: 100, message: 'error_choose' })),
	title: text(TARGET_TITLE_MAX),
	dueOn: date,
	owner: optional(uuid('practices_benchmark_error_owner')),
	action: optional(uuid('error_choose'))
});

export const trackForm = z.object({
	target: uuid(),
	status: z.enum(TARGET_STATUSES, { error: 'error_choose' }),
	note: plainText(STATUS_NOTE_MAX).default('')
});

export const publishForm = z.object({ published: z.enum(['true', 'false'], { error: 'error_invalid' }).transform((v) => v === 'true') });

/** The ticks of a theme's form: `met:<element>` (a checkbox) and `evidence:<element>`; oversize evidence is left for the service to refuse. */
export function ticksOf(form: FormData): Record<string, ElementTick> {
	const out: Record<string, ElementTick> = {};
	for (const [name, value] of form) {
		const match = /^(met|evidence):([a-z0-9-]{1,100})$/.exec(name);
		if (!match || typeof value !== 'string') continue;
		const entry = (out[match[2]!] ??= { met: false, evidence: '' });
		if (match[1] === 'met') entry.met = value === 'on' || value === 'true';
		else entry.evidence = value.slice(0, EVIDENCE_MAX + 1);
	}
	return out;
}

import { z } from 'zod';
import { LOCALES } from '../../i18n/locales.ts';
import { numericId, plainText, requiredText, singleLine, uuid } from '../forms/index.ts';
import { FILE_ROLES } from './files.ts';
import { PLAN_NOTES_MAX, PLAN_TITLE_MAX, STEP_NOTES_MAX } from './plans.ts';
import { BODY_MAX, LANGUAGES, LIBRARY_KINDS, SECTORS, SUMMARY_MAX, TITLE_MAX } from './vocabulary.ts';

const many = <T extends readonly [string, ...string[]]>(values: T, min: number) =>
	z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { error: 'error_invalid' })).min(min, 'error_choose').max(values.length, 'error_invalid'));

/** A member's proposal of a library resource. */
export const proposalForm = z.object({
	title: singleLine(TITLE_MAX),
	summary: requiredText(SUMMARY_MAX),
	body: plainText(BODY_MAX).default(''),
	kind: z.enum(LIBRARY_KINDS, { error: 'error_invalid' }),
	url: z
		.string()
		.trim()
		.max(500, 'error_too_long')
		.default('')
		.refine((v) => v === '' || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), 'resources_error_url')
		.transform((v) => v || null),
	publisher: singleLine(200),
	licence: singleLine(200),
	sectors: many(SECTORS, 1),
	languages: many(LANGUAGES, 1)
});

/** An editor's decision on a proposal. */
export const decisionForm = z.object({
	slug: z.string({ error: 'error_invalid' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'error_invalid').max(100, 'error_invalid'),
	decision: z.enum(['publish', 'reject'], { error: 'error_invalid' }),
	captions: z.literal('on').optional()
});

/** A session plan's title, group and notes. */
export const planForm = z.object({
	title: singleLine(PLAN_TITLE_MAX),
	groupName: plainText(200).default(''),
	notes: plainText(PLAN_NOTES_MAX).default('')
});

export const stepForm = z.object({ step: z.string({ error: 'error_invalid' }).regex(/^\d{1,9}$/, 'error_invalid').transform(Number) });
export const moveForm = stepForm.extend({ direction: z.enum(['up', 'down'], { error: 'error_invalid' }) });
export const stepNotesForm = stepForm.extend({ notes: plainText(STEP_NOTES_MAX).default('') });
export const addStepForm = z.object({ slug: z.string({ error: 'error_required' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'error_invalid').max(100, 'error_invalid') });
export const shareForm = z.object({
	organisation: z
		.string()
		.default('')
		.refine((v) => v === '' || /^[0-9a-f-]{36}$/i.test(v), 'error_invalid')
		.transform((v) => v || null)
});
export const cpdForm = z.object({
	date: z
		.string({ error: 'error_required' })
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'resources_error_date')
		.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'resources_error_date'),
	reflection: plainText(8000).default('')
});

/** A file's role and, for captions or a transcript, its language (the file itself is read apart). */
export const attachForm = z.object({
	role: z.enum(FILE_ROLES, { error: 'error_invalid' }),
	language: z.enum(LANGUAGES, { error: 'error_invalid' }).default('en')
});
export const removeFileForm = z.object({ file: uuid() });

/** An editor's text of a resource in one language. */
export const resourceTextForm = z.object({
	locale: z.enum(LOCALES, { error: 'error_invalid' }),
	title: singleLine(TITLE_MAX),
	summary: requiredText(SUMMARY_MAX),
	body: plainText(BODY_MAX).default('')
});
export const restoreForm = z.object({ revision: numericId() });

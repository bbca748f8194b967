import { z } from 'zod';
import { COMPLETION_RULES, LEVELS, PATHWAYS } from '../content/index.ts';
import { numericId, plainText, requiredText, singleLine, slug, SLUG as KEY } from '../../forms/index.ts';

// The course editor's forms. Error messages are message keys (`error_…` shared with the rest of the
// platform, `author_…` our own); the limits are those of the content format (content.ts), so what an
// editor saves can always be exported and imported again.

export const keyField = slug({ max: 60, message: 'author_error_key' });

/** A textarea with one entry per line (outcomes, narration): blank lines are dropped. */
const lines = (maxEach: number, min: number, maxCount: number) =>
	plainText(maxEach * maxCount + maxCount)
		.transform((value) =>
			value
				.split(/\r?\n/)
				.map((line) => line.trim())
				.filter(Boolean)
		)
		.pipe(
			z
				.array(z.string().max(maxEach, 'error_too_long'))
				.min(min, 'error_required')
				.max(maxCount, 'error_too_long')
		);

const status = z.enum(['draft', 'published'], { error: 'error_choose' });
const pathway = z.enum(PATHWAYS, { error: 'error_choose' });
const level = z.enum(LEVELS, { error: 'error_choose' });

const competenceAreas = z.preprocess(
	(value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
	z.array(z.string().regex(KEY, 'error_invalid')).max(40, 'error_invalid')
);

const hours = z
	.string({ error: 'author_error_hours' })
	.trim()
	.regex(/^\d+(?:[.,]\d+)?$/, 'author_error_hours')
	.transform((value) => Number(value.replace(',', '.')))
	.pipe(z.number().positive('author_error_hours').max(200, 'author_error_hours'));

const minutes = z
	.string({ error: 'author_error_minutes' })
	.trim()
	.regex(/^\d+$/, 'author_error_minutes')
	.transform(Number)
	.pipe(z.number().int().min(1, 'author_error_minutes').max(600, 'author_error_minutes'));

const URL_AT_END = /^(.*?)\s+(https?:\/\/\S+)$/;

/** References, one per line; a web address at the end of a line becomes its link. */
const references = plainText(30_000)
	.transform((value) =>
		value
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter(Boolean)
			.map((line) => {
				const match = URL_AT_END.exec(line);
				return match ? { citation: match[1]!.trim(), url: match[2]! } : { citation: line };
			})
	)
	.pipe(
		z
			.array(
				z.object({
					citation: z.string().min(1, 'author_error_references').max(500, 'author_error_references'),
					url: z.url({ protocol: /^https?$/, error: 'author_error_references' }).optional()
				})
			)
			.max(60, 'error_too_long')
	);

/** Who a course or module is for and why, in one language. */
export const aboutForm = z.object({
	title: singleLine(200),
	summary: requiredText(600),
	audience: requiredText(1200),
	why: requiredText(1200),
	outcomes: lines(400, 1, 12)
});
export type AboutInput = z.output<typeof aboutForm>;

export const newCourseForm = z.object({
	slug: keyField,
	title: singleLine(200),
	summary: requiredText(600),
	audience: requiredText(1200),
	why: requiredText(1200),
	outcome: singleLine(400),
	pathway,
	level
});
export type NewCourseInput = z.output<typeof newCourseForm>;

export const courseSettingsForm = z.object({ status, pathway, level, competenceAreas });
export type CourseSettingsInput = z.output<typeof courseSettingsForm>;

export const newModuleForm = z.object({
	key: keyField,
	title: singleLine(200),
	summary: requiredText(600),
	hours,
	lessonKey: keyField,
	lessonTitle: singleLine(200)
});
export type NewModuleInput = z.output<typeof newModuleForm>;

export const moduleSettingsForm = z.object({ status, pathway, level, hours, references, competenceAreas });
export type ModuleSettingsInput = z.output<typeof moduleSettingsForm>;

export const newLessonForm = z.object({ key: keyField, title: singleLine(200), minutes });
export type NewLessonInput = z.output<typeof newLessonForm>;

const id = numericId();

export const moveForm = z.object({ id, direction: z.enum(['up', 'down'], { error: 'error_invalid' }) });
export const statusForm = z.object({ id, status });

/** A lesson's text in one language, as the editor's form sends it; the activity texts are YAML. */
export const lessonTextForm = z.object({
	title: singleLine(200),
	summary: plainText(600).refine((value) => !/[\r\n]/.test(value), 'error_invalid'),
	body: plainText(200_000),
	narration: lines(400, 0, 300),
	activities: plainText(200_000)
});
export type LessonTextInput = z.output<typeof lessonTextForm>;

/** A draft of the lesson text form: any of its fields, as typed, within the same size limits. */
export const lessonDraftForm = z.object({
	title: z.string().max(200, 'error_too_long').optional(),
	summary: z.string().max(600, 'error_too_long').optional(),
	body: z.string().max(200_000, 'error_too_long').optional(),
	narration: z.string().max(200_000, 'error_too_long').optional(),
	activities: z.string().max(200_000, 'error_too_long').optional()
});

export const lessonSettingsForm = z.object({ minutes, completion: z.enum(COMPLETION_RULES, { error: 'error_choose' }), status });
export type LessonSettingsInput = z.output<typeof lessonSettingsForm>;

export const fileNameForm = z.object({ name: z.string({ error: 'error_invalid' }).min(1, 'error_invalid').max(200, 'error_invalid') });

/** One alt text of a course's cover: a line of at most 300 characters (content.ts), blank for none. */
const coverAlt = plainText(300)
	.refine((value) => !/[\r\n]/.test(value), 'error_invalid')
	.optional();

/** The alt texts of the cover form, one field per language (`alt_en`, …); the file comes apart. */
export const coverForm = z.object({ alt_en: coverAlt, alt_nb: coverAlt, alt_cs: coverAlt, alt_sk: coverAlt, alt_pl: coverAlt });
export type CoverInput = z.output<typeof coverForm>;

/** Removing the cover takes nothing but the button. */
export const removeCoverForm = z.object({});

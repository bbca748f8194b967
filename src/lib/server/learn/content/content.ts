import type { ActivityStructure as StoredActivityStructure, ActivityTexts as StoredActivityTexts } from '../../db/schema/learn.ts';
import { z } from 'zod';
import { BASE_LOCALE, LOCALES } from '../../../i18n/locales.ts';
import { SLUG as KEY } from '../../forms/index.ts';

const key = z.string().regex(KEY, 'must be lowercase letters, digits and hyphens');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).default('');

export const PATHWAYS = ['initial', 'cpd', 'advanced'] as const;
export const LEVELS = ['skilled', 'specialised'] as const;
export const COMPLETION_RULES = ['viewed', 'activity', 'quiz'] as const;
export const MEDIA_KINDS = ['audio', 'video'] as const;
export const ACTIVITY_KINDS = ['quiz', 'reflection', 'case'] as const;
export type CompletionRule = (typeof COMPLETION_RULES)[number];
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const withBase = <T extends z.ZodType>(schema: T) =>
	z.partialRecord(z.enum(LOCALES), schema).refine((value) => value[BASE_LOCALE] !== undefined, {
		message: `must include the base language "${BASE_LOCALE}"`
	});

const unique = (list: string[]) => new Set(list).size === list.length;

/** Who a course or module is for and why: stated in every language. */
const aboutTranslation = z.strictObject({
	title: text(200),
	summary: text(600),
	audience: text(1200),
	why: text(1200),
	outcomes: z.array(text(400)).min(1, 'needs at least one learning outcome').max(12)
});

const reference = z.strictObject({
	citation: text(500),
	url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()
});

const about = {
	status: z.enum(['draft', 'published']).default('published'),
	pathway: z.enum(PATHWAYS),
	level: z.enum(LEVELS),
	/** Keys of nodes of the competence-standards framework this part builds. */
	competenceAreas: z.array(key).default([])
};

/** A course's texts: those of every part, plus the alt text of its cover. */
const courseTranslation = aboutTranslation.extend({ coverAlt: text(300).optional() });

/** `content/courses/<course>/course.yaml` */
export const courseFile = z.strictObject({
	...about,
	/** An illustration in the course folder (SVG, PNG, JPEG or WebP), shown in the catalogue and on the course page. */
	cover: z
		.string()
		.regex(/^[a-z0-9-]+\.(?:svg|png|jpe?g|webp)$/, 'must name an .svg, .png, .jpg or .webp file in the course folder')
		.optional(),
	modules: z.array(key).min(1, 'needs at least one module').refine(unique, 'lists a module twice'),
	translations: withBase(courseTranslation)
});
export type CourseFile = z.output<typeof courseFile>;

export const EXTRA_ACTIVITY_KINDS = ['reading', 'practice', 'reflection'] as const;
const extraActivity = z.strictObject({
	kind: z.enum(EXTRA_ACTIVITY_KINDS),
	minutes: z.number().int().min(5).max(1200),
	/** For editors: what the learner does, e.g. which references to read. */
	note: optionalText(300)
});

/** `content/courses/<course>/<module>/module.yaml` */
export const moduleFile = z.strictObject({
	...about,
	/**
	 * CPD hours recorded when the module is completed. Leave it out: it is derived from the lessons'
	 * minutes plus `extraActivities` (`npm run content:check` fails when a stated figure differs).
	 */
	hours: z.number().positive('must be more than 0').max(200).optional(),
	/** Study outside the lessons that counts towards the hours, e.g. reading the references. */
	extraActivities: z.array(extraActivity).default([]),
	lessons: z.array(key).min(1, 'needs at least one lesson').refine(unique, 'lists a lesson twice'),
	references: z.array(reference).default([]),
	translations: withBase(aboutTranslation)
});
export type ModuleFile = z.output<typeof moduleFile>;

const quizStructure = z
	.strictObject({
		key,
		kind: z.literal('quiz'),
		passMark: z.number().int().min(1).max(100).default(70),
		questions: z
			.array(
				z
					.strictObject({
						key,
						multiple: z.boolean().default(false),
						options: z.array(key).min(2, 'needs at least two options').max(8).refine(unique, 'lists an option twice'),
						correct: z.array(key).min(1, 'needs at least one correct option')
					})
					.refine((q) => q.correct.every((c) => q.options.includes(c)), { message: 'names a correct option that is not among the options', path: ['correct'] })
					.refine((q) => q.multiple || q.correct.length === 1, { message: 'a single-choice question has exactly one correct option', path: ['correct'] })
			)
			.min(1, 'needs at least one question')
			.refine((qs) => unique(qs.map((q) => q.key)), 'uses a question key twice')
	});
const reflectionStructure = z.strictObject({ key, kind: z.literal('reflection') });
const caseStructure = z.strictObject({
	key,
	kind: z.literal('case'),
	choices: z.array(key).min(2, 'needs at least two choices').max(6).refine(unique, 'lists a choice twice')
});
export const activityStructure = z.discriminatedUnion('kind', [quizStructure, reflectionStructure, caseStructure]);
export type ActivityStructure = z.output<typeof activityStructure>;
// What the database stores (db/schema/learn.ts) is exactly what this schema produces.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const STORED_AS_PARSED: Same<ActivityStructure, StoredActivityStructure> & Same<ActivityTexts, StoredActivityTexts> = true;

/** `content/courses/<course>/<module>/<lesson>/lesson.yaml`: the language-independent structure. */
export const lessonFile = z
	.strictObject({
		/** A draft lesson is hidden from learners (the course editor's "unpublish"). */
		status: z.enum(['draft', 'published']).default('published'),
		minutes: z.number().int().min(1).max(600),
		completion: z.enum(COMPLETION_RULES).default('viewed'),
		/** Narrated media built from the `narration` of each language file (scripts/course-media.ts). */
		media: z.enum(MEDIA_KINDS).optional(),
		activities: z.array(activityStructure).default([])
	})
	.refine((l) => unique(l.activities.map((a) => a.key)), { message: 'uses an activity key twice', path: ['activities'] })
	.refine((l) => l.completion !== 'quiz' || l.activities.some((a) => a.kind === 'quiz'), {
		message: 'the rule "quiz" needs a quiz activity',
		path: ['completion']
	})
	.refine((l) => l.completion !== 'activity' || l.activities.length > 0, {
		message: 'the rule "activity" needs at least one activity',
		path: ['completion']
	});
export type LessonFile = z.output<typeof lessonFile>;

const optionText = z.strictObject({ text: text(500), feedback: text(1000) });
const choiceText = z.strictObject({ text: text(500), consequence: text(2000) });

/** The texts of one activity in one language, keyed like the structure in lesson.yaml. */
export const activityTexts = z.union([
	z.strictObject({
		title: text(200),
		questions: z.record(key, z.strictObject({ prompt: text(1000), options: z.record(key, optionText) }))
	}),
	z.strictObject({ title: text(200), prompt: text(2000) }),
	z.strictObject({ title: text(200), situation: text(3000), question: text(500), choices: z.record(key, choiceText) })
]);
export type ActivityTexts = z.output<typeof activityTexts>;

/** The front matter of `<lesson>/<locale>.md`; the Markdown after it is the lesson's body. */
export const lessonTranslationFile = z.strictObject({
	title: text(200),
	summary: optionalText(600),
	/** The narration's script, one caption per entry; the transcript is these sentences in order. */
	narration: z.array(text(400)).default([]),
	activities: z.record(key, activityTexts).default({})
});
export type LessonTranslationFile = z.output<typeof lessonTranslationFile>;

export const LOCALE_FILES = LOCALES.map((locale) => `${locale}.md`);

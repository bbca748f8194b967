import {
	boolean,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	real,
	serial,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';

// The stored shapes of a lesson's activities (jsonb). Course files are validated on the way in by
// learn/content's zod schemas, whose output a compile-time check keeps identical to these.
export type ActivityStructure =
	| { key: string; kind: 'quiz'; passMark: number; questions: { key: string; multiple: boolean; options: string[]; correct: string[] }[] }
	| { key: string; kind: 'reflection' }
	| { key: string; kind: 'case'; choices: string[] };
export type ActivityTexts =
	| { title: string; questions: Record<string, { prompt: string; options: Record<string, { text: string; feedback: string }> }> }
	| { title: string; prompt: string }
	| { title: string; situation: string; question: string; choices: Record<string, { text: string; consequence: string }> };

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

const stamp = (name: string) => timestamp(name, { withTimezone: true });
const created = () => stamp('created_at').notNull().defaultNow();
const userRef = (name = 'user_id') =>
	uuid(name)
		.notNull()
		.references(() => user.id, { onDelete: 'cascade' });

/** What every course and module states: pathway, level, the competence areas it builds. */
const aboutColumns = () => ({
	status: text('status').notNull().default('published'),
	pathway: text('pathway').notNull(),
	level: text('level').notNull(),
	competenceAreas: jsonb('competence_areas').$type<string[]>().notNull().default([])
});

const aboutTranslationColumns = () => ({
	locale: text('locale').notNull(),
	title: text('title').notNull(),
	summary: text('summary').notNull(),
	audience: text('audience').notNull(),
	why: text('why').notNull(),
	outcomes: jsonb('outcomes').$type<string[]>().notNull(),
	updatedAt: stamp('updated_at').notNull().defaultNow()
});

export const course = pgTable('course', {
	id: serial('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	...aboutColumns(),
	// The cover illustration: from the course folder (checked at import) or uploaded by an editor
	// (checked the same way); an SVG or a PNG, JPEG or WebP image, served by its sha256.
	coverMime: text('cover_mime'),
	coverData: bytea('cover_data'),
	coverSha256: text('cover_sha256'),
	importedHash: text('imported_hash'),
	editedInPlatform: boolean('edited_in_platform').notNull().default(false),
	createdAt: created()
}, (t) => [index('course_cover_sha_idx').on(t.coverSha256)]);

export const courseTranslation = pgTable(
	'course_translation',
	{
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		...aboutTranslationColumns(),
		// What the cover shows, for those who cannot see it.
		coverAlt: text('cover_alt').notNull().default('')
	},
	(t) => [primaryKey({ columns: [t.courseId, t.locale] })]
);

export type Reference = { citation: string; url?: string };

export const courseModule = pgTable(
	'course_module',
	{
		id: serial('id').primaryKey(),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		position: integer('position').notNull(),
		...aboutColumns(),
		hours: real('hours').notNull(),
		references: jsonb('references').$type<Reference[]>().notNull().default([])
	},
	(t) => [uniqueIndex('course_module_key_idx').on(t.courseId, t.key), index('course_module_order_idx').on(t.courseId, t.position)]
);

export const courseModuleTranslation = pgTable(
	'course_module_translation',
	{
		moduleId: integer('module_id')
			.notNull()
			.references(() => courseModule.id, { onDelete: 'cascade' }),
		...aboutTranslationColumns()
	},
	(t) => [primaryKey({ columns: [t.moduleId, t.locale] })]
);

export const lesson = pgTable(
	'lesson',
	{
		id: serial('id').primaryKey(),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		moduleId: integer('module_id')
			.notNull()
			.references(() => courseModule.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		position: integer('position').notNull(),
		status: text('status').notNull().default('published'),
		minutes: integer('minutes').notNull(),
		completion: text('completion').notNull(),
		media: text('media'),
		activities: jsonb('activities').$type<ActivityStructure[]>().notNull().default([])
	},
	(t) => [uniqueIndex('lesson_key_idx').on(t.courseId, t.key), index('lesson_order_idx').on(t.moduleId, t.position)]
);

export const lessonTranslation = pgTable(
	'lesson_translation',
	{
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		body: text('body').notNull(),
		narration: jsonb('narration').$type<string[]>().notNull().default([]),
		activities: jsonb('activities').$type<Record<string, ActivityTexts>>().notNull().default({}),
		updatedAt: stamp('updated_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.lessonId, t.locale] })]
);

/** Every change an editor makes to a lesson's text in one language. */
export const lessonRevision = pgTable(
	'lesson_revision',
	{
		id: serial('id').primaryKey(),
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		previousTitle: text('previous_title'),
		previousBody: text('previous_body'),
		title: text('title').notNull(),
		body: text('body').notNull(),
		// Kept when the editor's account is deleted.
		editorId: uuid('editor_id'),
		createdAt: created()
	},
	(t) => [index('lesson_revision_lesson_idx').on(t.lessonId, t.createdAt)]
);

/** Every change an editor makes to a course's cover: the cover as set (null: removed) and its alt texts. */
export const courseCoverRevision = pgTable(
	'course_cover_revision',
	{
		id: serial('id').primaryKey(),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		mime: text('mime'),
		data: bytea('data'),
		sha256: text('sha256'),
		// The alt text of each language after the change.
		alts: jsonb('alts').$type<Record<string, string>>().notNull().default({}),
		// Kept when the editor's account is deleted.
		editorId: uuid('editor_id'),
		createdAt: created()
	},
	(t) => [index('course_cover_revision_course_idx').on(t.courseId, t.createdAt)]
);

/** A file of a lesson (image, narration, captions), kept in the database so every instance serves it. */
export const lessonFile = pgTable(
	'lesson_file',
	{
		id: serial('id').primaryKey(),
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		mime: text('mime').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		data: bytea('data').notNull(),
		createdAt: created()
	},
	(t) => [uniqueIndex('lesson_file_name_idx').on(t.lessonId, t.name), index('lesson_file_sha_idx').on(t.sha256)]
);

export const cohort = pgTable(
	'cohort',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		startsOn: date('starts_on'),
		endsOn: date('ends_on'),
		joinCode: text('join_code').notNull().unique(),
		facilitatorId: uuid('facilitator_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		// Whether the lessons' discussions are held in the cohort's own space (members only) instead of the open one.
		discussInCohort: boolean('discuss_in_cohort').notNull().default(false),
		createdAt: created()
	},
	(t) => [index('cohort_facilitator_idx').on(t.facilitatorId)]
);

export const cohortMember = pgTable(
	'cohort_member',
	{
		cohortId: uuid('cohort_id')
			.notNull()
			.references(() => cohort.id, { onDelete: 'cascade' }),
		userId: userRef(),
		joinedAt: created()
	},
	(t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index('cohort_member_user_idx').on(t.userId)]
);

/** A facilitator's due date for one module of the cohort's course. */
export const cohortModuleDue = pgTable(
	'cohort_module_due',
	{
		cohortId: uuid('cohort_id')
			.notNull()
			.references(() => cohort.id, { onDelete: 'cascade' }),
		moduleId: integer('module_id')
			.notNull()
			.references(() => courseModule.id, { onDelete: 'cascade' }),
		dueOn: date('due_on').notNull()
	},
	(t) => [primaryKey({ columns: [t.cohortId, t.moduleId] }), index('cohort_module_due_on_idx').on(t.dueOn)]
);

/** A reminder mailed to a member about a module due soon: once per member, cohort and module. */
export const cohortDueReminder = pgTable(
	'cohort_due_reminder',
	{
		cohortId: uuid('cohort_id')
			.notNull()
			.references(() => cohort.id, { onDelete: 'cascade' }),
		moduleId: integer('module_id')
			.notNull()
			.references(() => courseModule.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		sentAt: created()
	},
	(t) => [primaryKey({ columns: [t.cohortId, t.moduleId, t.userId] })]
);

export const cohortInvitation = pgTable(
	'cohort_invitation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		cohortId: uuid('cohort_id')
			.notNull()
			.references(() => cohort.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		expiresAt: stamp('expires_at').notNull(),
		acceptedAt: stamp('accepted_at'),
		createdAt: created()
	},
	(t) => [index('cohort_invitation_cohort_idx').on(t.cohortId)]
);

export const enrolment = pgTable(
	'enrolment',
	{
		userId: userRef(),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		enrolledAt: created(),
		// Where to resume: the lesson opened last.
		lastLessonId: integer('last_lesson_id').references(() => lesson.id, { onDelete: 'set null' }),
		completedAt: stamp('completed_at')
	},
	(t) => [primaryKey({ columns: [t.userId, t.courseId] }), index('enrolment_course_idx').on(t.courseId)]
);

export const lessonProgress = pgTable(
	'lesson_progress',
	{
		userId: userRef(),
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		viewedAt: stamp('viewed_at').notNull().defaultNow(),
		completedAt: stamp('completed_at')
	},
	(t) => [primaryKey({ columns: [t.userId, t.lessonId] }), index('lesson_progress_course_idx').on(t.userId, t.courseId)]
);

/**
 * A learner's answer to one quiz or case of a lesson: the draft as they click, the last submitted
 * answer, and for quizzes the score of the last and of the best attempt.
 */
export const activityResponse = pgTable(
	'activity_response',
	{
		userId: userRef(),
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		activityKey: text('activity_key').notNull(),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		draft: jsonb('draft').$type<Record<string, string[]>>(),
		answer: jsonb('answer').$type<Record<string, string[]>>(),
		score: integer('score'),
		bestScore: integer('best_score'),
		passed: boolean('passed').notNull().default(false),
		attempts: integer('attempts').notNull().default(0),
		submittedAt: stamp('submitted_at'),
		updatedAt: stamp('updated_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.lessonId, t.activityKey] }), index('activity_response_course_idx').on(t.userId, t.courseId)]
);

/** The private learning journal: reflections written in lessons (and later, anywhere). */
export const journalEntry = pgTable(
	'journal_entry',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: userRef(),
		lessonId: integer('lesson_id').references(() => lesson.id, { onDelete: 'set null' }),
		activityKey: text('activity_key'),
		prompt: text('prompt').notNull().default(''),
		body: text('body').notNull().default(''),
		// What is being typed, saved as the learner goes; it becomes the body when they save.
		draft: text('draft'),
		submittedAt: stamp('submitted_at'),
		// Private unless the learner shares it with the facilitators of their cohorts.
		sharedAt: stamp('shared_at'),
		createdAt: created(),
		updatedAt: stamp('updated_at').notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('journal_entry_activity_idx').on(t.userId, t.lessonId, t.activityKey),
		index('journal_entry_user_idx').on(t.userId, t.updatedAt)
	]
);

/** A completed module, with the hours it counts for in the CPD log. */
export const moduleCompletion = pgTable(
	'module_completion',
	{
		userId: userRef(),
		moduleId: integer('module_id')
			.notNull()
			.references(() => courseModule.id, { onDelete: 'cascade' }),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		hours: real('hours').notNull(),
		completedAt: created()
	},
	(t) => [primaryKey({ columns: [t.userId, t.moduleId] }), index('module_completion_user_idx').on(t.userId, t.completedAt)]
);

/** A certificate of a completed course; the code makes it verifiable by anyone. */
export const certificate = pgTable(
	'certificate',
	{
		code: text('code').primaryKey(),
		userId: userRef(),
		courseId: integer('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		holderName: text('holder_name').notNull(),
		hours: real('hours').notNull(),
		issuedAt: created()
	},
	(t) => [uniqueIndex('certificate_user_course_idx').on(t.userId, t.courseId)]
);

/** One xAPI statement per learning event, as sent to a learning record store. */
export const learningRecord = pgTable(
	'learning_record',
	{
		id: uuid('id').primaryKey(),
		userId: userRef(),
		verb: text('verb').notNull(),
		objectId: text('object_id').notNull(),
		statement: jsonb('statement').$type<Record<string, unknown>>().notNull(),
		timestamp: stamp('timestamp').notNull().defaultNow()
	},
	(t) => [index('learning_record_user_idx').on(t.userId, t.timestamp), index('learning_record_time_idx').on(t.timestamp)]
);

/**
 * What an editor has typed in the lesson editor and not yet saved, kept as they type so a reload
 * or an expired session loses nothing; removed when they save.
 */
export const lessonTextDraft = pgTable(
	'lesson_text_draft',
	{
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		editorId: userRef('editor_id'),
		fields: jsonb('fields').$type<Record<string, string>>().notNull(),
		updatedAt: stamp('updated_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.lessonId, t.locale, t.editorId] })]
);

import { index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';
import { frameworkVersion } from './frameworks.ts';
import { organisation } from './organisations.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A self-assessment (My competence) against one version of the competence standards. It keeps the
 * version it was taken against, so a later version of the standards never changes an old result.
 * Answers are keyed by the statement's node key (stable when the same version is re-imported).
 */
export const competenceAssessment = pgTable(
	'competence_assessment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		frameworkVersionId: integer('framework_version_id')
			.notNull()
			.references(() => frameworkVersion.id, { onDelete: 'restrict' }),
		// The assessment whose answers this one started from, if any.
		startedFrom: uuid('started_from'),
		startedAt: stamp('started_at').notNull().defaultNow(),
		updatedAt: stamp('updated_at').notNull().defaultNow(),
		completedAt: stamp('completed_at')
	},
	(t) => [index('competence_assessment_user_idx').on(t.userId, t.startedAt)]
);

/** One area of an assessment: its evidence note, and when the person said it was done. */
export const competenceAreaState = pgTable(
	'competence_area_state',
	{
		assessmentId: uuid('assessment_id')
			.notNull()
			.references(() => competenceAssessment.id, { onDelete: 'cascade' }),
		areaKey: text('area_key').notNull(),
		note: text('note').notNull().default(''),
		updatedAt: stamp('updated_at').notNull().defaultNow(),
		doneAt: stamp('done_at')
	},
	(t) => [primaryKey({ columns: [t.assessmentId, t.areaKey] })]
);

/** The answer to one statement: the scale value (0 = not relevant to my role). */
export const competenceAnswer = pgTable(
	'competence_answer',
	{
		assessmentId: uuid('assessment_id')
			.notNull()
			.references(() => competenceAssessment.id, { onDelete: 'cascade' }),
		areaKey: text('area_key').notNull(),
		statementKey: text('statement_key').notNull(),
		value: smallint('value').notNull(),
		updatedAt: stamp('updated_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.assessmentId, t.statementKey] }), index('competence_answer_area_idx').on(t.assessmentId, t.areaKey)]
);

/**
 * One completed assessment shared with the leaders of one organisation, by its owner's explicit
 * consent; revoking keeps the row (revoked_at) so the history of consent is visible to its owner.
 */
export const competenceShare = pgTable(
	'competence_share',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		assessmentId: uuid('assessment_id')
			.notNull()
			.references(() => competenceAssessment.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		sharedAt: stamp('shared_at').notNull().defaultNow(),
		revokedAt: stamp('revoked_at')
	},
	(t) => [
		index('competence_share_assessment_idx').on(t.assessmentId),
		index('competence_share_organisation_idx').on(t.organisationId, t.revokedAt),
		uniqueIndex('competence_share_user_org_idx').on(t.userId, t.organisationId, t.assessmentId)
	]
);

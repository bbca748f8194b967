import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { learningRecord } from '../../db/schema/learn.ts';
import { can, type Actor } from '../../policies/index.ts';
import { ok, problem, type Result } from '../../result/index.ts';

/** The ADL verbs Praxis records (https://registry.tincanapi.com). */
export const VERBS = {
	registered: 'http://adlnet.gov/expapi/verbs/registered',
	experienced: 'http://adlnet.gov/expapi/verbs/experienced',
	answered: 'http://adlnet.gov/expapi/verbs/answered',
	passed: 'http://adlnet.gov/expapi/verbs/passed',
	failed: 'http://adlnet.gov/expapi/verbs/failed',
	responded: 'http://adlnet.gov/expapi/verbs/responded',
	completed: 'http://adlnet.gov/expapi/verbs/completed',
	joined: 'http://activitystrea.ms/schema/1.0/join'
} as const;
export type Verb = keyof typeof VERBS;

const ACTIVITY_TYPES = {
	course: 'http://adlnet.gov/expapi/activities/course',
	module: 'http://adlnet.gov/expapi/activities/module',
	lesson: 'http://adlnet.gov/expapi/activities/lesson',
	assessment: 'http://adlnet.gov/expapi/activities/assessment',
	interaction: 'http://adlnet.gov/expapi/activities/interaction',
	group: 'http://activitystrea.ms/schema/1.0/group'
} as const;

/** What a learning event was about: a course, module, lesson, activity or cohort. */
export type XapiObject = { kind: keyof typeof ACTIVITY_TYPES; path: string; name: string };

export type XapiResult = {
	score?: { scaled: number; raw: number; min: number; max: number };
	success?: boolean;
	completion?: boolean;
	/** ISO 8601 duration, e.g. PT3H for the study time of a module. */
	duration?: string;
};

export type LearningEvent = {
	userId: string;
	/** The site's origin: it names the learner's account and the activities (IRIs). */
	origin: string;
	verb: Verb;
	object: XapiObject;
	result?: XapiResult;
	/** The course the event belongs to, as the statement's parent context. */
	parent?: XapiObject;
};

const iri = (origin: string, path: string) => `${origin}/xapi/${path}`;

/**
 * Records one learning event as an xAPI 1.0.3 statement. The actor is an account (the user's id on
 * this site), never a name or an email address, so exported statements carry no contact data; a
 * reflection's text is never put in a statement.
 */
export async function recordLearningEvent(db: DbOrTx, event: LearningEvent): Promise<void> {
	const id = randomUUID();
	const timestamp = new Date().toISOString();
	const activity = (o: XapiObject) => ({
		objectType: 'Activity',
		id: iri(event.origin, o.path),
		definition: { type: ACTIVITY_TYPES[o.kind], name: { und: o.name } }
	});
	const statement: Record<string, unknown> = {
		id,
		actor: { objectType: 'Agent', account: { homePage: event.origin, name: event.userId } },
		verb: { id: VERBS[event.verb], display: { 'en-US': event.verb } },
		object: activity(event.object),
		timestamp,
		version: '1.0.3'
	};
	if (event.result) statement.result = event.result;
	if (event.parent) statement.context = { contextActivities: { parent: [activity(event.parent)] }, platform: 'Praxis' };
	await db.insert(learningRecord).values({
		id,
		userId: event.userId,
		verb: event.verb,
		objectId: iri(event.origin, event.object.path),
		statement,
		timestamp: new Date(timestamp)
	});
}

/** Every learner's statements in the order they happened, for a learning record store (admins only). */
export async function allLearningRecords(db: DbOrTx, actor: Actor, options: { after?: Date } = {}): Promise<Result<Record<string, unknown>[]>> {
	if (!can(actor, 'admin:learning-records')) return problem('forbidden');
	return ok(await listStatements(db, { after: options.after }));
}

/** The actor's own statements, in the order they happened. */
export async function ownLearningRecords(db: DbOrTx, actor: Actor): Promise<Result<Record<string, unknown>[]>> {
	if (!actor || !can(actor, 'account:view', { userId: actor.id })) return problem('forbidden');
	return ok(await listStatements(db, { userId: actor.id }));
}

/**
 * Statements in the order they happened: one learner's (`userId`) or everyone's, in pages. Unchecked:
 * for the personal-data export and tests; requests go through the two functions above.
 */
export async function listStatements(db: DbOrTx, options: { userId?: string; after?: Date; limit?: number } = {}): Promise<Record<string, unknown>[]> {
	const where: SQL[] = [];
	if (options.userId) where.push(eq(learningRecord.userId, options.userId));
	if (options.after) where.push(gt(learningRecord.timestamp, options.after));
	const rows = await db
		.select({ statement: learningRecord.statement })
		.from(learningRecord)
		.where(and(...where))
		.orderBy(asc(learningRecord.timestamp), asc(learningRecord.id))
		.limit(options.limit ?? 100_000);
	return rows.map((r) => r.statement);
}

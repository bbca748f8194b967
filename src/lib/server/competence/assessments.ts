// My competence: taking a self-assessment one area at a time, its results, history and comparison.
// Every function loads the assessment and asks the policy first; someone else's assessment is
// 'not_found', exactly like one that does not exist.
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { competenceAnswer, competenceAreaState, competenceAssessment } from '../db/schema/competence.ts';
import { frameworkVersion } from '../db/schema/frameworks.ts';
import { isUuid } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { currentStandardsVersion, loadStandards, NOT_RELEVANT, type Area, type Standards } from './standards.ts';

/** The longest evidence note per area. */
export const NOTE_MAX = 4000;

export type AreaStatus = 'not_started' | 'in_progress' | 'done';
export type AreaState = { key: string; status: AreaStatus; answered: number; total: number; updatedAt: Date | null; doneAt: Date | null; note: string };
export type AssessmentRow = { id: string; userId: string; frameworkVersionId: number; startedFrom: string | null; startedAt: Date; updatedAt: Date; completedAt: Date | null };
export type AssessmentView = AssessmentRow & { standards: Standards; answers: Map<string, number>; areas: AreaState[] };
export type AssessmentSummary = { id: string; version: string; startedAt: Date; updatedAt: Date; completedAt: Date | null; areasDone: number };

async function owned(db: DbOrTx, actor: Actor, id: string, action: 'competence:view' | 'competence:edit' = 'competence:view'): Promise<AssessmentRow | undefined> {
	if (!actor || !isUuid(id)) return undefined;
	const [row] = await db.select().from(competenceAssessment).where(eq(competenceAssessment.id, id));
	return row && can(actor, action, row) ? row : undefined;
}

/** An assessment with its standards, answers and the state of each area: three queries. */
async function viewOf(db: DbOrTx, row: AssessmentRow, locale: AppLocale): Promise<AssessmentView | undefined> {
	const standards = await loadStandards(db, row.frameworkVersionId, locale);
	if (!standards) return undefined;
	const [answers, states] = await Promise.all([
		db.select({ key: competenceAnswer.statementKey, value: competenceAnswer.value }).from(competenceAnswer).where(eq(competenceAnswer.assessmentId, row.id)),
		db.select().from(competenceAreaState).where(eq(competenceAreaState.assessmentId, row.id))
	]);
	const byKey = new Map(answers.map((a) => [a.key, a.value]));
	const stateOf = new Map(states.map((s) => [s.areaKey, s]));
	const areas = standards.areas.map((area): AreaState => {
		const state = stateOf.get(area.key);
		const answered = area.statements.filter((s) => byKey.has(s.key)).length;
		const status: AreaStatus = state?.doneAt ? 'done' : answered > 0 || state?.note ? 'in_progress' : 'not_started';
		return { key: area.key, status, answered, total: area.statements.length, updatedAt: state?.updatedAt ?? null, doneAt: state?.doneAt ?? null, note: state?.note ?? '' };
	});
	return { ...row, standards, answers: byKey, areas };
}

/** The actor's assessments, newest first. */
export async function listAssessments(db: DbOrTx, actor: Actor): Promise<Result<AssessmentSummary[]>> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const rows = await db
		.select({
			id: competenceAssessment.id,
			version: frameworkVersion.version,
			startedAt: competenceAssessment.startedAt,
			updatedAt: competenceAssessment.updatedAt,
			completedAt: competenceAssessment.completedAt,
			areasDone: sql<number>`(select count(*)::int from competence_area_state s where s.assessment_id = ${competenceAssessment.id} and s.done_at is not null)`
		})
		.from(competenceAssessment)
		.innerJoin(frameworkVersion, eq(frameworkVersion.id, competenceAssessment.frameworkVersionId))
		.where(eq(competenceAssessment.userId, actor.id))
		.orderBy(desc(competenceAssessment.startedAt));
	return ok(rows);
}

/**
 * Starts an assessment against the current version of the standards. With `fromLast`, the answers
 * and notes of the actor's latest assessment are copied (for the statements the current version
 * still has), and every area waits for the person to look at it again.
 */
export async function startAssessment(db: DbOrTx, actor: Actor, input: { fromLast: boolean }): Promise<Result<{ id: string }>> {
	if (!actor || !can(actor, 'account:use')) return problem('forbidden');
	const userId = actor.id;
	const versionId = await currentStandardsVersion(db);
	if (!versionId) return problem('not_found', { field: 'form', key: 'competence_error_no_standards' });
	return db.transaction(async (tx) => {
		const [last] = input.fromLast
			? await tx.select({ id: competenceAssessment.id }).from(competenceAssessment).where(eq(competenceAssessment.userId, userId)).orderBy(desc(competenceAssessment.startedAt)).limit(1)
			: [];
		if (input.fromLast && !last) return problem('invalid', { field: 'form', key: 'competence_error_nothing_to_copy' });
		const [created] = await tx
			.insert(competenceAssessment)
			.values({ userId, frameworkVersionId: versionId, startedFrom: last?.id ?? null })
			.returning({ id: competenceAssessment.id });
		const id = created!.id;
		if (last) {
			// Only statements and areas that exist in the current version are carried over.
			await tx.execute(sql`insert into competence_answer (assessment_id, area_key, statement_key, value)
				select ${id}, a.area_key, a.statement_key, a.value from competence_answer a
				where a.assessment_id = ${last.id}
				and exists (select 1 from framework_node n where n.version_id = ${versionId} and n.key = a.statement_key and n.kind = 'item')`);
			await tx.execute(sql`insert into competence_area_state (assessment_id, area_key, note)
				select ${id}, s.area_key, s.note from competence_area_state s
				where s.assessment_id = ${last.id} and s.note <> ''
				and exists (select 1 from framework_node n where n.version_id = ${versionId} and n.key = s.area_key and n.kind = 'area')`);
		}
		return ok({ id });
	});
}

/** One of the actor's assessments with its areas and answers. */
export async function getAssessment(db: DbOrTx, actor: Actor, id: string, locale: AppLocale): Promise<Result<AssessmentView>> {
	const row = await owned(db, actor, id);
	if (!row) return problem('not_found');
	const view = await viewOf(db, row, locale);
	return view ? ok(view) : problem('not_found');
}

export type AreaInput = { areaKey: string; answers: Record<string, string>; note: string; done: boolean };

/**
 * Saves one area's answers and note. Every value must be on the version's scale and every
 * statement must belong to the area; marking the area done needs every statement answered. When
 * the last area is done, the assessment is complete. All or nothing.
 */
export async function saveArea(db: DbOrTx, actor: Actor, id: string, input: AreaInput, locale: AppLocale): Promise<Result<{ completed: boolean; area: Area }>> {
	const row = await owned(db, actor, id, 'competence:edit');
	if (!row) return problem('not_found');
	const standards = await loadStandards(db, row.frameworkVersionId, locale);
	const area = standards?.areas.find((a) => a.key === input.areaKey);
	if (!standards || !area) return problem('not_found');
	if (input.note.length > NOTE_MAX) return problem('too_large', { field: 'note', key: 'error_too_long' });
	const values = new Set(standards.scale.map((o) => String(o.value)));
	const statements = new Set(area.statements.map((s) => s.key));
	const answers: { statementKey: string; value: number }[] = [];
	for (const [key, value] of Object.entries(input.answers)) {
		if (!statements.has(key)) return problem('invalid', { field: 'form', key: 'competence_error_statement' });
		if (value === '') continue;
		if (!values.has(value)) return problem('invalid', { field: key, key: 'competence_error_scale' });
		answers.push({ statementKey: key, value: Number(value) });
	}
	if (input.done) {
		const before = await db
			.select({ key: competenceAnswer.statementKey })
			.from(competenceAnswer)
			.where(and(eq(competenceAnswer.assessmentId, row.id), eq(competenceAnswer.areaKey, area.key)));
		const answered = new Set([...before.map((b) => b.key), ...answers.map((a) => a.statementKey)]);
		const missing = area.statements.find((s) => !answered.has(s.key));
		if (missing) return problem('invalid', { field: missing.key, key: 'competence_error_unanswered' });
	}
	return db.transaction(async (tx) => {
		const now = new Date();
		if (answers.length)
			await tx
				.insert(competenceAnswer)
				.values(answers.map((a) => ({ assessmentId: row.id, areaKey: area.key, ...a, updatedAt: now })))
				.onConflictDoUpdate({ target: [competenceAnswer.assessmentId, competenceAnswer.statementKey], set: { value: sql`excluded.value`, updatedAt: now } });
		await tx
			.insert(competenceAreaState)
			.values({ assessmentId: row.id, areaKey: area.key, note: input.note, updatedAt: now, doneAt: input.done ? now : null })
			.onConflictDoUpdate({
				target: [competenceAreaState.assessmentId, competenceAreaState.areaKey],
				set: { note: input.note, updatedAt: now, ...(input.done ? { doneAt: now } : {}) }
			});
		const [{ done } = { done: 0 }] = await tx
			.select({ done: sql<number>`count(*)::int` })
			.from(competenceAreaState)
			.where(and(eq(competenceAreaState.assessmentId, row.id), isNotNull(competenceAreaState.doneAt)));
		const completed = done >= standards.areas.length;
		await tx
			.update(competenceAssessment)
			.set({ updatedAt: now, ...(completed && !row.completedAt ? { completedAt: now } : {}) })
			.where(eq(competenceAssessment.id, row.id));
		return ok({ completed, area });
	});
}

export type AreaResult = {
	key: string;
	code: string | null;
	title: string;
	status: AreaStatus;
	/** Mean of the relevant answers, or null when nothing relevant was answered. */
	score: number | null;
	answered: number;
	relevant: number;
	total: number;
	lowest: { key: string; code: string | null; title: string; value: number; label: string }[];
	note: string;
};
export type Results = { assessment: AssessmentView; areas: AreaResult[]; strengths: AreaResult[]; gaps: AreaResult[]; highest: number };

/** A score at or above this share of the scale's top is a strength; below the lower one, a gap. */
const STRENGTH = 0.75;
const GAP = 0.625;

function areaResults(view: AssessmentView): AreaResult[] {
	const label = new Map(view.standards.scale.map((o) => [o.value, o.label]));
	return view.standards.areas.map((area, i) => {
		const state = view.areas[i]!;
		const rated = area.statements.flatMap((s) => {
			const value = view.answers.get(s.key);
			return value === undefined ? [] : [{ key: s.key, code: s.code, title: s.title, value, label: label.get(value) ?? String(value) }];
		});
		const relevant = rated.filter((r) => r.value !== NOT_RELEVANT);
		const score = relevant.length ? Math.round((relevant.reduce((sum, r) => sum + r.value, 0) / relevant.length) * 100) / 100 : null;
		const min = Math.min(...relevant.map((r) => r.value));
		const lowest = relevant.filter((r) => r.value === min && r.value < view.standards.highest).slice(0, 3);
		return { key: area.key, code: area.code, title: area.title, status: state.status, score, answered: rated.length, relevant: relevant.length, total: area.statements.length, lowest, note: state.note };
	});
}

/** Per area a score and the lowest-rated statements; strengths and gaps among the areas answered. */
export async function assessmentResults(db: DbOrTx, actor: Actor, id: string, locale: AppLocale): Promise<Result<Results>> {
	const row = await owned(db, actor, id);
	if (!row) return problem('not_found');
	const results = await resultsOf(db, row, locale);
	return results ? ok(results) : problem('not_found');
}

/** The results of an assessment already authorised by the caller (its owner, or a standing share). */
export async function resultsOf(db: DbOrTx, row: AssessmentRow, locale: AppLocale): Promise<Results | undefined> {
	const view = await viewOf(db, row, locale);
	if (!view) return undefined;
	const areas = areaResults(view);
	const top = view.standards.highest;
	const scored = areas.filter((a) => a.score !== null);
	const strengths = scored.filter((a) => a.score! >= top * STRENGTH).sort((a, b) => b.score! - a.score!);
	const gaps = scored.filter((a) => a.score! < top * GAP).sort((a, b) => a.score! - b.score!);
	return { assessment: view, areas, strengths, gaps, highest: top };
}

/** An assessment row by id, for callers that authorise it themselves. */
export async function assessmentRow(db: DbOrTx, id: string): Promise<AssessmentRow | undefined> {
	if (!isUuid(id)) return undefined;
	const [row] = await db.select().from(competenceAssessment).where(eq(competenceAssessment.id, id));
	return row;
}

export type Comparison = {
	first: AssessmentRow;
	second: AssessmentRow;
	highest: number;
	areas: { key: string; code: string | null; title: string; first: number | null; second: number | null; change: number | null }[];
};

/** Two of the actor's assessments side by side, per area (the older one first). */
export async function compareAssessments(db: DbOrTx, actor: Actor, a: string, b: string, locale: AppLocale): Promise<Result<Comparison>> {
	if (a === b) return problem('invalid', { field: 'b', key: 'competence_error_same' });
	const [x, y] = await Promise.all([assessmentResults(db, actor, a, locale), assessmentResults(db, actor, b, locale)]);
	if (!x.ok) return x;
	if (!y.ok) return y;
	const [first, second] = x.value.assessment.startedAt <= y.value.assessment.startedAt ? [x.value, y.value] : [y.value, x.value];
	const keys = [...new Set([...second.areas.map((r) => r.key), ...first.areas.map((r) => r.key)])];
	const areas = keys.map((key) => {
		const one = first.areas.find((r) => r.key === key);
		const two = second.areas.find((r) => r.key === key);
		const s1 = one?.score ?? null;
		const s2 = two?.score ?? null;
		return { key, code: (two ?? one)!.code, title: (two ?? one)!.title, first: s1, second: s2, change: s1 !== null && s2 !== null ? Math.round((s2 - s1) * 100) / 100 : null };
	});
	const strip = (v: AssessmentView): AssessmentRow => ({ id: v.id, userId: v.userId, frameworkVersionId: v.frameworkVersionId, startedFrom: v.startedFrom, startedAt: v.startedAt, updatedAt: v.updatedAt, completedAt: v.completedAt });
	return ok({ first: strip(first.assessment), second: strip(second.assessment), highest: Math.max(first.highest, second.highest), areas });
}

/** Deletes one of the actor's assessments (and, with it, its shares). */
export async function deleteAssessment(db: DbOrTx, actor: Actor, id: string): Promise<Result> {
	const row = await owned(db, actor, id, 'competence:edit');
	if (!row) return problem('not_found');
	await db.delete(competenceAssessment).where(eq(competenceAssessment.id, row.id));
	return ok();
}

import { mean, quantileSorted } from 'd3-array';
import type { StoredFigures, StoredResults } from '../db/schema/quality.ts';
import type { Area, ScalePoint } from './framework.ts';

export type { StoredFigures, StoredResults };

// The results of a closed round, computed from the answers in one pass. Each rater's score for a
// criterion (or area) is the mean of their answers there; the median and the interquartile range
// are taken over those scores, so the spread measures how far the raters disagree. Anonymity: no
// figure is shown for a group of fewer than MIN_GROUP raters, overall or by role.

export const MIN_GROUP = 3;
/** Raters disagree strongly: an interquartile range of at least this many scale points… */
export const SPREAD_FLAG = 2;
/** …or leaders' and practitioners' medians this far apart (both groups large enough to show). */
export const ROLES_FLAG = 1.5;

export const RATER_ROLES = ['leader', 'practitioner', 'external'] as const;
export type RaterRole = (typeof RATER_ROLES)[number];

export type RaterRow = { id: string; role: string };
export type AnswerRow = { raterId: string; indicatorKey: string; value: number | null };

export type Rag = 'red' | 'amber' | 'green';
/**
 * The figures of an area or criterion: those kept with a closed round (its answers can no longer
 * change, so its page and the next round's arrows read one row instead of every answer; the
 * distribution counts answers per scale point, shown only when n ≥ MIN_GROUP) and the comparison
 * with the previous round.
 */
export type Figures = StoredFigures & {
	previousMedian: number | null;
	change: 'up' | 'down' | 'same' | null;
};
export type CriterionResult = Figures & { key: string; code: string | null; title: string };
export type AreaResult = Figures & { key: string; code: string | null; title: string; criteria: CriterionResult[] };
export type RoundResults = { raters: number; respondents: number; hidden: boolean; areas: AreaResult[] };

const round2 = (x: number) => Math.round(x * 100) / 100;

function ragOf(median: number, scale: ScalePoint[]): Rag {
	const min = scale[0]!.value;
	const max = scale.at(-1)!.value;
	const position = max === min ? 1 : (median - min) / (max - min);
	return position >= 2 / 3 ? 'green' : position >= 1 / 3 ? 'amber' : 'red';
}

function figures(
	indicatorKeys: string[],
	scale: ScalePoint[],
	raters: Map<string, RaterRole>,
	valuesByRater: Map<string, Map<string, number>>
): StoredFigures {
	const scores: { role: RaterRole; score: number }[] = [];
	const distribution = scale.map(() => 0);
	const position = new Map(scale.map((p, i) => [p.value, i]));
	for (const [raterId, given] of valuesByRater) {
		const values: number[] = [];
		for (const k of indicatorKeys) {
			const v = given.get(k);
			if (v !== undefined) values.push(v);
		}
		if (!values.length) continue;
		scores.push({ role: raters.get(raterId)!, score: mean(values)! });
		for (const v of values) {
			const at = position.get(v);
			if (at !== undefined) distribution[at]!++;
		}
	}
	const n = scores.length;
	const shown = n >= MIN_GROUP;
	const sorted = scores.map((s) => s.score).sort((a, b) => a - b);
	const median = shown ? round2(quantileSorted(sorted, 0.5)!) : null;
	const q1 = shown ? round2(quantileSorted(sorted, 0.25)!) : null;
	const q3 = shown ? round2(quantileSorted(sorted, 0.75)!) : null;
	const iqr = q1 !== null && q3 !== null ? round2(q3 - q1) : null;
	const byRole = RATER_ROLES.map((role) => {
		const group = scores.filter((s) => s.role === role).map((s) => s.score).sort((a, b) => a - b);
		return { role, n: group.length, median: group.length >= MIN_GROUP ? round2(quantileSorted(group, 0.5)!) : null };
	});
	const divergence: Figures['divergence'] = [];
	if (iqr !== null && iqr >= SPREAD_FLAG) divergence.push('spread');
	const leaders = byRole.find((r) => r.role === 'leader')!.median;
	const practitioners = byRole.find((r) => r.role === 'practitioner')!.median;
	if (leaders !== null && practitioners !== null && Math.abs(leaders - practitioners) >= ROLES_FLAG) divergence.push('roles');
	return {
		n,
		median,
		q1,
		q3,
		iqr,
		distribution: shown ? distribution : scale.map(() => 0),
		byRole,
		divergence,
		rag: median === null ? null : ragOf(median, scale)
	};
}

/** Adds the comparison with the previous round's median (±0.25 counts as no change). */
function compared(figures: StoredFigures, previousMedian: number | null): Figures {
	const { median } = figures;
	const change = median === null || previousMedian === null ? null : median - previousMedian >= 0.25 ? 'up' : previousMedian - median >= 0.25 ? 'down' : 'same';
	return { ...figures, previousMedian, change };
}

/** The figures per area and criterion in scope, from the raters and their answers, in one pass. */
export function storeResults(areas: Area[], scale: ScalePoint[], raterRows: RaterRow[], answers: AnswerRow[]): StoredResults {
	const raters = new Map(raterRows.map((r) => [r.id, (RATER_ROLES as readonly string[]).includes(r.role) ? (r.role as RaterRole) : 'external']));
	// Each rater's values by indicator ("cannot judge" left out).
	const valuesByRater = new Map<string, Map<string, number>>();
	for (const a of answers) {
		if (!raters.has(a.raterId) || a.value === null) continue;
		let given = valuesByRater.get(a.raterId);
		if (!given) valuesByRater.set(a.raterId, (given = new Map()));
		given.set(a.indicatorKey, a.value);
	}
	const figuresByKey: Record<string, StoredFigures> = {};
	for (const area of areas) {
		figuresByKey[`area:${area.key}`] = figures(
			area.criteria.flatMap((c) => c.indicators.map((i) => i.key)),
			scale,
			raters,
			valuesByRater
		);
		for (const c of area.criteria)
			figuresByKey[`criterion:${c.key}`] = figures(
				c.indicators.map((i) => i.key),
				scale,
				raters,
				valuesByRater
			);
	}
	return { raters: raterRows.length, respondents: valuesByRater.size, figures: figuresByKey };
}

const EMPTY = (scale: ScalePoint[]): StoredFigures => ({
	n: 0,
	median: null,
	q1: null,
	q3: null,
	iqr: null,
	distribution: scale.map(() => 0),
	byRole: RATER_ROLES.map((role) => ({ role, n: 0, median: null })),
	divergence: [],
	rag: null
});

/**
 * The results as shown: the stored figures with the areas' and criteria's titles, and the arrows
 * against the previous round's stored figures when there is one.
 */
export function resultsFrom(areas: Area[], scale: ScalePoint[], stored: StoredResults, previous?: StoredResults): RoundResults {
	const at = (key: string) => compared(stored.figures[key] ?? EMPTY(scale), previous?.figures[key]?.median ?? null);
	return {
		raters: stored.raters,
		respondents: stored.respondents,
		hidden: stored.respondents < MIN_GROUP,
		areas: areas.map((area) => ({
			key: area.key,
			code: area.code,
			title: area.title,
			...at(`area:${area.key}`),
			criteria: area.criteria.map((c) => ({ key: c.key, code: c.code, title: c.title, ...at(`criterion:${c.key}`) }))
		}))
	};
}

/** Computes and assembles in one step (results of answers not yet stored). */
export function computeResults(areas: Area[], scale: ScalePoint[], raterRows: RaterRow[], answers: AnswerRow[], previous?: StoredResults): RoundResults {
	return resultsFrom(areas, scale, storeResults(areas, scale, raterRows, answers), previous);
}

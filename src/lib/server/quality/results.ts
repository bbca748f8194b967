import { mean, quantileSorted } from 'd3-array';
import type { Area, ScalePoint } from './framework.ts';

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

export type RoleFigure = { role: RaterRole; n: number; median: number | null };
export type Rag = 'red' | 'amber' | 'green';
export type Figures = {
	n: number;
	median: number | null;
	q1: number | null;
	q3: number | null;
	iqr: number | null;
	/** How many answers gave each scale point (shown only when n ≥ MIN_GROUP). */
	distribution: number[];
	byRole: RoleFigure[];
	divergence: ('spread' | 'roles')[];
	rag: Rag | null;
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
	valuesByRater: Map<string, Map<string, number>>,
	previous: Map<string, number | null> | undefined,
	key: string
): Figures {
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
	const previousMedian = previous?.get(key) ?? null;
	const change = median === null || previousMedian === null ? null : median - previousMedian >= 0.25 ? 'up' : previousMedian - median >= 0.25 ? 'down' : 'same';
	return {
		n,
		median,
		q1,
		q3,
		iqr,
		distribution: shown ? distribution : scale.map(() => 0),
		byRole,
		divergence,
		rag: median === null ? null : ragOf(median, scale),
		previousMedian,
		change
	};
}

/**
 * The figures per area and criterion. `previous` holds the medians of the previous round by
 * area/criterion key (see `mediansOf`), for the arrows.
 */
export function computeResults(
	areas: Area[],
	scale: ScalePoint[],
	raterRows: RaterRow[],
	answers: AnswerRow[],
	previous?: Map<string, number | null>
): RoundResults {
	const raters = new Map(raterRows.map((r) => [r.id, (RATER_ROLES as readonly string[]).includes(r.role) ? (r.role as RaterRole) : 'external']));
	// Each rater's values by indicator ("cannot judge" left out): one pass over the answers.
	const valuesByRater = new Map<string, Map<string, number>>();
	for (const a of answers) {
		if (!raters.has(a.raterId) || a.value === null) continue;
		let given = valuesByRater.get(a.raterId);
		if (!given) valuesByRater.set(a.raterId, (given = new Map()));
		given.set(a.indicatorKey, a.value);
	}
	const respondents = valuesByRater.size;
	const result: AreaResult[] = areas.map((area) => {
		const areaKeys = area.criteria.flatMap((c) => c.indicators.map((i) => i.key));
		return {
			key: area.key,
			code: area.code,
			title: area.title,
			...figures(areaKeys, scale, raters, valuesByRater, previous, `area:${area.key}`),
			criteria: area.criteria.map((c) => ({
				key: c.key,
				code: c.code,
				title: c.title,
				...figures(
					c.indicators.map((i) => i.key),
					scale,
					raters,
					valuesByRater,
					previous,
					`criterion:${c.key}`
				)
			}))
		};
	});
	return { raters: raterRows.length, respondents, hidden: respondents < MIN_GROUP, areas: result };
}

/** The medians of a round's results by `area:key` / `criterion:key`, to compare the next round with. */
export function mediansOf(results: RoundResults): Map<string, number | null> {
	const out = new Map<string, number | null>();
	for (const area of results.areas) {
		out.set(`area:${area.key}`, area.median);
		for (const c of area.criteria) out.set(`criterion:${c.key}`, c.median);
	}
	return out;
}

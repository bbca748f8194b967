import type { AreaResult, CriterionResult, Rag, RoundResults } from './results.ts';

// The one-page summary for owners: a headline per area, the few criteria to work on first and how
// far the plan has come. Built from the results as shown (the anonymity rule already applied: a
// figure withheld there stays withheld here) and the organisation's plan.

/** How many priorities the summary names. */
export const TOP_PRIORITIES = 3;

export type AreaHeadline = Pick<AreaResult, 'key' | 'code' | 'title' | 'n' | 'median' | 'rag' | 'change' | 'previousMedian'> & {
	/** The criteria of the area (and the area itself) where raters disagree strongly. */
	divergences: number;
};
export type Priority = Pick<CriterionResult, 'key' | 'code' | 'title' | 'median' | 'rag' | 'divergence'> & { area: string };
export type PlanCounts = Record<ActionStatus, number> & { overdue: number; total: number };
export type OwnerSummary = { areas: AreaHeadline[]; priorities: Priority[]; plan: PlanCounts };

type ActionStatus = 'planned' | 'in_progress' | 'done';

const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2 };

/**
 * The summary: per area its headline; as priorities the criteria rated red or amber or where the
 * team disagrees, worst first (colour, then the number of flags, then the median), at most
 * TOP_PRIORITIES; the plan's actions counted by status (overdue: not done and past deadline).
 */
export function ownerSummary(results: RoundResults, actions: { status: ActionStatus; overdue: boolean }[]): OwnerSummary {
	const areas = results.areas.map((a) => ({
		key: a.key,
		code: a.code,
		title: a.title,
		n: a.n,
		median: a.median,
		rag: a.rag,
		change: a.change,
		previousMedian: a.previousMedian,
		divergences: (a.divergence.length ? 1 : 0) + a.criteria.filter((c) => c.divergence.length).length
	}));
	const candidates = results.areas.flatMap((a) =>
		a.criteria
			.filter((c) => c.median !== null && (c.rag !== 'green' || c.divergence.length > 0))
			.map((c) => ({ key: c.key, code: c.code, title: c.title, median: c.median, rag: c.rag, divergence: c.divergence, area: a.title }))
	);
	candidates.sort((x, y) => RAG_ORDER[x.rag ?? 'green'] - RAG_ORDER[y.rag ?? 'green'] || y.divergence.length - x.divergence.length || (x.median ?? 0) - (y.median ?? 0));
	const plan: PlanCounts = { planned: 0, in_progress: 0, done: 0, overdue: 0, total: actions.length };
	for (const a of actions) {
		plan[a.status]++;
		if (a.overdue) plan.overdue++;
	}
	return { areas, priorities: candidates.slice(0, TOP_PRIORITIES), plan };
}

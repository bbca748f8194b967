import { median } from 'd3-array';
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { qualityBenchmarkContribution, type StoredResults } from '../db/schema/quality.ts';
import type { Area } from './framework.ts';

// The optional sector benchmark. An organisation that opts in contributes, for each closed round,
// its area medians (only those shown at all, i.e. of three raters or more), with its sector. A
// round's results page compares its area medians with the median over the organisations of the same
// sector on the same framework version (each organisation's latest round), and only when at
// least BENCHMARK_MIN organisations contributed: fewer could let one organisation's figures be
// read off. Below that, only how many contributed is said.

export const BENCHMARK_MIN = 5;

export type BenchmarkArea = { key: string; code: string | null; title: string; ours: number | null; sector: number | null; organisations: number };
export type Benchmark = { sector: string; contributors: number; shown: boolean; min: number; areas: BenchmarkArea[] };

type ClosedRound = { id: string; organisationId: string; frameworkVersionId: number; closedAt: Date; results: StoredResults };

/** A closed round's contribution (its shown area medians), or null when it has none to give. */
export function contributionOf(round: ClosedRound, sector: string): typeof qualityBenchmarkContribution.$inferInsert | null {
	const medians: Record<string, number> = {};
	for (const [key, figures] of Object.entries(round.results.figures)) if (key.startsWith('area:') && figures.median !== null) medians[key.slice('area:'.length)] = figures.median;
	if (!Object.keys(medians).length) return null;
	return { roundId: round.id, organisationId: round.organisationId, sector, frameworkVersionId: round.frameworkVersionId, medians, closedAt: round.closedAt };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The benchmark beside a round's results: one query (the latest contribution of each organisation). */
export async function benchmarkOf(db: DbOrTx, frameworkVersionId: number, sector: string, areas: Area[], ours: StoredResults): Promise<Benchmark> {
	const rows = await db
		.selectDistinctOn([qualityBenchmarkContribution.organisationId], { medians: qualityBenchmarkContribution.medians })
		.from(qualityBenchmarkContribution)
		.where(and(eq(qualityBenchmarkContribution.frameworkVersionId, frameworkVersionId), eq(qualityBenchmarkContribution.sector, sector)))
		.orderBy(qualityBenchmarkContribution.organisationId, desc(qualityBenchmarkContribution.closedAt));
	const shown = rows.length >= BENCHMARK_MIN;
	return {
		sector,
		contributors: rows.length,
		shown,
		min: BENCHMARK_MIN,
		// Nothing of the others' figures leaves this function unless there are enough of them.
		areas: shown
			? areas.map((area) => {
					const values = rows.map((r) => r.medians[area.key]).filter((v): v is number => typeof v === 'number');
					return {
						key: area.key,
						code: area.code,
						title: area.title,
						ours: ours.figures[`area:${area.key}`]?.median ?? null,
						sector: values.length >= BENCHMARK_MIN ? round2(median(values)!) : null,
						organisations: values.length
					};
				})
			: []
	};
}

import type { AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { getFramework, versionRef, type FrameworkNodeView } from '../frameworks/queries.ts';

// An assessment framework is an ordinary framework version read a particular way: its `scale`
// node's `level` children are the answer scale (code = value), its `area` nodes hold `criterion`
// nodes which hold `indicator` nodes; an indicator's body is its guidance ("what could show this").

export type ScalePoint = { value: number; label: string };
export type Indicator = { key: string; code: string | null; title: string; guidance: string; placeholder: boolean };
export type Criterion = { key: string; code: string | null; title: string; placeholder: boolean; indicators: Indicator[] };
export type Area = { key: string; code: string | null; title: string; body: string; placeholder: boolean; criteria: Criterion[] };
export type AssessmentFramework = {
	versionId: number;
	slug: string;
	version: string;
	title: string;
	sourceCitation: string;
	scale: ScalePoint[];
	areas: Area[];
};

const nodesOf = (nodes: FrameworkNodeView[], kind: string): FrameworkNodeView[] =>
	nodes.flatMap((node) => (node.kind === kind ? [node] : nodesOf(node.children, kind)));

/** The assessment framework of a version in the reader's language; undefined if it has no scale or no indicators. */
export async function assessmentFramework(db: DbOrTx, versionId: number, locale: AppLocale): Promise<AssessmentFramework | undefined> {
	const ref = await versionRef(db, versionId);
	if (!ref) return undefined;
	const view = await getFramework(db, ref.slug, locale, ref.version);
	if (!view) return undefined;
	const scale = nodesOf(view.tree, 'scale')
		.flatMap((s) => s.children.filter((c) => c.kind === 'level'))
		.map((level) => ({ value: Number(level.code), label: level.title }))
		.filter((p) => Number.isInteger(p.value))
		.sort((a, b) => a.value - b.value);
	const areas: Area[] = nodesOf(view.tree, 'area').map((area) => ({
		key: area.key,
		code: area.code,
		title: area.title,
		body: area.body,
		placeholder: area.placeholder,
		criteria: area.children
			.filter((c) => c.kind === 'criterion')
			.map((c) => ({
				key: c.key,
				code: c.code,
				title: c.title,
				placeholder: c.placeholder,
				indicators: c.children
					.filter((i) => i.kind === 'indicator')
					.map((i) => ({ key: i.key, code: i.code, title: i.title, guidance: i.body, placeholder: i.placeholder }))
			}))
	}));
	if (!scale.length || !areas.some((a) => a.criteria.some((c) => c.indicators.length))) return undefined;
	return { versionId, slug: view.slug, version: view.version, title: view.title, sourceCitation: view.sourceCitation, scale, areas };
}

/** The areas of a framework that are in a round's scope, in the framework's order. */
export function areasInScope(framework: AssessmentFramework, areaKeys: readonly string[]): Area[] {
	return framework.areas.filter((a) => areaKeys.includes(a.key));
}

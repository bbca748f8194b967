// The platform's diagrams: each one a shape drawn from translated labels (messages/diagrams/), used
// in lessons (`::: diagram <key>` in the Markdown) and on the framework pages listed in `placements`.
// A figure is the SVG (role="img" with a title and description) plus a caption and the diagram
// written out in words, so nothing in the picture exists only as a picture.
import { m } from '../paraglide/messages.js';
import type { AppLocale } from '../i18n/locales.ts';
import { drawDiagram, escapeXml, type DiagramShape } from './svg.ts';

type O = { locale: AppLocale };
export type DiagramDefinition = {
	/** Framework pages that show it: the framework's slug and the node it belongs to ('' for the top of the page). */
	placements: { framework: string; node: string }[];
	title: (o: O) => string;
	description: (o: O) => string;
	/** A source line shown under the figure. */
	source: (o: O) => string;
	shape: (o: O) => DiagramShape;
};

const t = (f: (inputs: object, options: O) => string) => (o: O) => f({}, o);

export const DIAGRAMS = {
	'career-buttons': {
		placements: [{ framework: 'career-learning-in-context', node: 'model' }],
		title: t(m.diagram_buttons_title),
		description: t(m.diagram_buttons_desc),
		source: t(m.diagram_source_hkdir),
		shape: (o) => ({
			kind: 'ring',
			centre: m.diagram_buttons_centre({}, o),
			items: [m.diagram_buttons_1({}, o), m.diagram_buttons_2({}, o), m.diagram_buttons_3({}, o), m.diagram_buttons_4({}, o), m.diagram_buttons_5({}, o)]
		})
	},
	dots: {
		placements: [{ framework: 'career-learning-in-context', node: 'model' }],
		title: t(m.diagram_dots_title),
		description: t(m.diagram_dots_desc),
		source: t(m.diagram_dots_source),
		shape: (o) => ({
			kind: 'grid',
			cells: [
				{ title: m.diagram_dots_s({}, o), text: m.diagram_dots_s_text({}, o) },
				{ title: m.diagram_dots_o({}, o), text: m.diagram_dots_o_text({}, o) },
				{ title: m.diagram_dots_d({}, o), text: m.diagram_dots_d_text({}, o) },
				{ title: m.diagram_dots_t({}, o), text: m.diagram_dots_t_text({}, o) }
			]
		})
	},
	'systems-theory': {
		// The person among the systems that influence their career: the "Me in context" button.
		placements: [{ framework: 'career-learning-in-context', node: 'me-context' }],
		title: t(m.diagram_stf_title),
		description: t(m.diagram_stf_desc),
		source: t(m.diagram_stf_source),
		shape: (o) => ({
			kind: 'nested',
			layers: [
				{ title: m.diagram_stf_individual({}, o), text: m.diagram_stf_individual_text({}, o) },
				{ title: m.diagram_stf_social({}, o), text: m.diagram_stf_social_text({}, o) },
				{ title: m.diagram_stf_societal({}, o), text: m.diagram_stf_societal_text({}, o) }
			],
			around: { title: m.diagram_stf_process({}, o), text: m.diagram_stf_process_text({}, o) }
		})
	},
	'reflection-model': {
		placements: [{ framework: 'ethical-guidelines', node: 'reflection-model' }],
		title: t(m.diagram_reflection_title),
		description: t(m.diagram_reflection_desc),
		source: t(m.diagram_source_hkdir),
		shape: (o) => ({
			kind: 'ring',
			numbered: true,
			centre: m.diagram_reflection_centre({}, o),
			items: [
				m.diagram_reflection_1({}, o),
				m.diagram_reflection_2({}, o),
				m.diagram_reflection_3({}, o),
				m.diagram_reflection_4({}, o),
				m.diagram_reflection_5({}, o),
				m.diagram_reflection_6({}, o),
				m.diagram_reflection_7({}, o),
				m.diagram_reflection_8({}, o)
			]
		})
	},
	'ethical-practice': {
		placements: [{ framework: 'ethical-guidelines', node: 'ethical-practice-framework' }],
		title: t(m.diagram_practice_title),
		description: t(m.diagram_practice_desc),
		source: t(m.diagram_source_hkdir),
		shape: (o) => ({
			kind: 'ring',
			centre: m.diagram_practice_centre({}, o),
			items: [m.diagram_practice_1({}, o), m.diagram_practice_2({}, o), m.diagram_practice_3({}, o), m.diagram_practice_4({}, o)]
		})
	},
	'ethical-guidelines': {
		placements: [{ framework: 'ethical-guidelines', node: 'guidelines' }],
		title: t(m.diagram_guidelines_title),
		description: t(m.diagram_guidelines_desc),
		source: t(m.diagram_source_hkdir),
		shape: (o) => ({
			kind: 'columns',
			columns: [
				{ title: m.diagram_guidelines_1({}, o), subtitle: m.diagram_guidelines_1_range({}, o), text: m.diagram_guidelines_1_opening({}, o) },
				{ title: m.diagram_guidelines_2({}, o), subtitle: m.diagram_guidelines_2_range({}, o), text: m.diagram_guidelines_2_opening({}, o) },
				{ title: m.diagram_guidelines_3({}, o), subtitle: m.diagram_guidelines_3_range({}, o), text: m.diagram_guidelines_3_opening({}, o) }
			]
		})
	},
	'quality-framework': {
		placements: [{ framework: 'national-quality-framework', node: '' }],
		title: t(m.diagram_nqf_title),
		description: t(m.diagram_nqf_desc),
		source: t(m.diagram_source_hkdir),
		shape: (o) => ({
			kind: 'columns',
			columns: [
				{ title: m.diagram_nqf_1({}, o), subtitle: m.diagram_nqf_1_question({}, o), text: '', footer: m.diagram_nqf_1_tool({}, o) },
				{ title: m.diagram_nqf_2({}, o), subtitle: m.diagram_nqf_2_question({}, o), text: '', footer: m.diagram_nqf_2_tool({}, o) },
				{ title: m.diagram_nqf_3({}, o), subtitle: m.diagram_nqf_3_question({}, o), text: '', footer: m.diagram_nqf_3_tool({}, o) },
				{ title: m.diagram_nqf_4({}, o), subtitle: m.diagram_nqf_4_question({}, o), text: '', footer: m.diagram_nqf_4_tool({}, o) }
			]
		})
	},
	'quality-model': {
		placements: [
			{ framework: 'quality-model', node: '' },
			{ framework: 'national-quality-framework', node: 'quality-assurance' }
		],
		title: t(m.diagram_qm_title),
		description: t(m.diagram_qm_desc),
		source: t(m.diagram_source_hkdir),
		shape: (o) => ({
			kind: 'flow',
			from: { title: m.diagram_qm_input({}, o), items: [1, 2, 3, 4, 5, 6, 7].map((n) => m.diagram_qm_area({ n }, o)) },
			to: { title: m.diagram_qm_output({}, o), items: [m.diagram_qm_individual({}, o), m.diagram_qm_society({}, o)] }
		})
	},
	watts: {
		// Whose interests guidance serves, and whether it accepts or seeks change: the purpose a practitioner reflects on.
		placements: [{ framework: 'ethical-guidelines', node: 'guideline-9' }],
		title: t(m.diagram_watts_title),
		description: t(m.diagram_watts_desc),
		source: t(m.diagram_watts_source),
		shape: (o) => ({
			kind: 'grid',
			columns: [m.diagram_watts_status_quo({}, o), m.diagram_watts_change({}, o)],
			rows: [m.diagram_watts_society({}, o), m.diagram_watts_individual({}, o)],
			cells: [
				{ title: m.diagram_watts_conservative({}, o), text: m.diagram_watts_conservative_text({}, o) },
				{ title: m.diagram_watts_radical({}, o), text: m.diagram_watts_radical_text({}, o) },
				{ title: m.diagram_watts_liberal({}, o), text: m.diagram_watts_liberal_text({}, o) },
				{ title: m.diagram_watts_progressive({}, o), text: m.diagram_watts_progressive_text({}, o) }
			]
		})
	}
} satisfies Record<string, DiagramDefinition>;

export type DiagramKey = keyof typeof DIAGRAMS;
export const DIAGRAM_KEYS = Object.keys(DIAGRAMS) as DiagramKey[];
export const isDiagramKey = (key: string): key is DiagramKey => Object.hasOwn(DIAGRAMS, key);

/** The diagram in words: the same content as the picture, as HTML lists. */
export function diagramInWords(shape: DiagramShape): string {
	const e = escapeXml;
	const list = (items: string[], tag = 'ul') => `<${tag}>${items.map((i) => `<li>${i}</li>`).join('')}</${tag}>`;
	switch (shape.kind) {
		case 'ring':
			return `<p>${e(shape.centre)}</p>${list(shape.items.map(e), shape.numbered ? 'ol' : 'ul')}`;
		case 'grid':
			return list(
				shape.cells.map((c, i) => {
					const where = shape.columns && shape.rows ? ` (${e(shape.rows[Math.floor(i / 2)]!)}; ${e(shape.columns[i % 2]!)})` : '';
					return `<strong>${e(c.title)}</strong>${where}: ${e(c.text)}`;
				})
			);
		case 'nested':
			return list([...shape.layers, shape.around].map((l) => `<strong>${e(l.title)}</strong>: ${e(l.text)}`));
		case 'flow':
			return `<p><strong>${e(shape.from.title)}</strong></p>${list(shape.from.items.map(e))}<p><strong>${e(shape.to.title)}</strong></p>${list(shape.to.items.map(e))}`;
		case 'columns':
			return list(
				shape.columns.map((c) => [`<strong>${e(c.title)}</strong> (${e(c.subtitle)})`, c.text && e(c.text), c.footer && e(c.footer)].filter(Boolean).join(': '))
			);
	}
}

/**
 * The figure of a diagram in `locale`: SVG, caption and the diagram in words (HTML, every text
 * escaped). `suffix` keeps ids unique when a page shows several figures.
 */
export function diagramFigure(key: DiagramKey, locale: AppLocale, suffix = ''): string {
	const d: DiagramDefinition = DIAGRAMS[key];
	const o = { locale };
	const id = `diagram-${key}${suffix}`;
	const shape = d.shape(o);
	return (
		`<figure class="diagram" id="${id}">${drawDiagram(shape, id, d.title(o), d.description(o))}` +
		`<figcaption><strong>${escapeXml(d.title(o))}</strong> ${escapeXml(d.description(o))} <span class="diagram-source">${escapeXml(d.source(o))}</span>` +
		`<details class="diagram-words"><summary>${escapeXml(m.diagram_in_words({}, o))}</summary>${diagramInWords(shape)}</details></figcaption></figure>`
	);
}

/** The diagrams a framework page shows under a node, by node key. */
export function frameworkDiagrams(framework: string, locale: AppLocale): Record<string, string> {
	const out: Record<string, string> = {};
	for (const key of DIAGRAM_KEYS) {
		for (const p of (DIAGRAMS[key] as DiagramDefinition).placements) {
			if (p.framework === framework) out[p.node] = (out[p.node] ?? '') + diagramFigure(key, locale);
		}
	}
	return out;
}

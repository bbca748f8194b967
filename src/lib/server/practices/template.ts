import type { AppLocale } from '../../i18n/locales.ts';
import type { DbOrTx } from '../db/client.ts';
import { frameworkVersionIdOf, getFramework, type FrameworkNodeView } from '../frameworks/queries.ts';

// The practice form is the mapping template framework read a particular way: each top-level
// `field` node is a section; every `field` node is a free-text field (its body is its help text);
// the `option` and `theme` children of a field are its list of choices. Nothing of the template is
// repeated here but which field is a single choice and which fields are the browse facets.

export const TEMPLATE_SLUG = 'ict-lmi-mapping-template';

/** Fields whose options are one choice (radios); every other option list is checkboxes. */
const SINGLE_CHOICE = new Set(['policy-focus']);

/** The browse facets that are template option lists: facet name → field key (and its column). */
export const TEMPLATE_FACETS = {
	theme: 'why-developed',
	function: 'ict-function',
	rationale: 'ict-rationale',
	audience: 'target-audience',
	funding: 'funding',
	barrier: 'barriers'
} as const;
export type TemplateFacet = keyof typeof TEMPLATE_FACETS;

export type TemplateOption = { key: string; code: string | null; title: string; help: string; lang: string };
export type TemplateField = {
	key: string;
	title: string;
	help: string;
	lang: string;
	choice: 'single' | 'multi' | null;
	options: TemplateOption[];
	children: TemplateField[];
};
export type PracticeTemplate = { versionId: number; version: string; title: string; sections: TemplateField[] };

const OPTION_KINDS = new Set(['option', 'theme']);

function fieldOf(node: FrameworkNodeView): TemplateField {
	const options = node.children.filter((c) => OPTION_KINDS.has(c.kind)).map((o) => ({ key: o.key, code: o.code, title: o.title, help: o.body, lang: o.shownLocale }));
	return {
		key: node.key,
		title: node.title,
		help: node.body,
		lang: node.shownLocale,
		choice: options.length ? (SINGLE_CHOICE.has(node.key) ? 'single' : 'multi') : null,
		options,
		children: node.children.filter((c) => c.kind === 'field').map(fieldOf)
	};
}

/** Every field of the template, depth first. */
export const allFields = (sections: TemplateField[]): TemplateField[] => sections.flatMap((f) => [f, ...allFields(f.children)]);

/** The newest published version of the mapping template as a form, in the reader's language. */
export async function practiceTemplate(db: DbOrTx, locale: AppLocale): Promise<PracticeTemplate | undefined> {
	const view = await getFramework(db, TEMPLATE_SLUG, locale);
	if (!view) return undefined;
	const versionId = await frameworkVersionIdOf(db, TEMPLATE_SLUG, view.version);
	if (versionId === undefined) return undefined;
	return { versionId, version: view.version, title: view.title, sections: view.tree.filter((n) => n.kind === 'field').map(fieldOf) };
}

import { m } from '#lib/paraglide/messages.js';

// The choices of the course editor's select fields, labelled in the reader's language.

const PATHWAYS = { initial: m.author_pathway_initial, cpd: m.author_pathway_cpd, advanced: m.author_pathway_advanced };
const LEVELS = { skilled: m.author_level_skilled, specialised: m.author_level_specialised };
const STATUSES = { draft: m.author_status_draft, published: m.author_status_published };
const COMPLETIONS = { viewed: m.author_completion_viewed, activity: m.author_completion_activity, quiz: m.author_completion_quiz };

const optionsOf = (labels: Record<string, () => string>) => Object.entries(labels).map(([value, label]) => ({ value, label: label() }));

export const pathwayOptions = () => optionsOf(PATHWAYS);
export const levelOptions = () => optionsOf(LEVELS);
export const statusOptions = () => optionsOf(STATUSES);
export const completionOptions = () => optionsOf(COMPLETIONS);

/** "Draft" or "Published" in the reader's language. */
export function statusLabel(status: string): string {
	return (STATUSES as Record<string, (() => string) | undefined>)[status]?.() ?? status;
}

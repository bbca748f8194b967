import { stringify } from 'yaml';
import { LOCALES } from '../../../i18n/locales.ts';
import type { Reference } from '../../db/schema/learn.ts';
import type { ActivityStructure, ActivityTexts } from '../content/index.ts';

// Turns stored rows back into the files of content/courses/FORMAT.md, with keys in the order the
// format documents them (PostgreSQL's jsonb keeps its own key order, which reads badly).

const YAML_OPTIONS = { lineWidth: 0 } as const;

/** YAML text of a value, as the content files write it (no folded lines). */
export const toYaml = (value: unknown): string => stringify(value, YAML_OPTIONS);

type AboutRow = { locale: string; title: string; summary: string; audience: string; why: string; outcomes: string[]; coverAlt?: string };
type AboutColumns = { status: string; pathway: string; level: string; competenceAreas: string[] };

function translationsOf(rows: AboutRow[]) {
	const byLocale = new Map(rows.map((r) => [r.locale, r]));
	return Object.fromEntries(
		LOCALES.flatMap((locale) => {
			const t = byLocale.get(locale);
			return t ? [[locale, { title: t.title, summary: t.summary, audience: t.audience, why: t.why, outcomes: t.outcomes, ...(t.coverAlt ? { coverAlt: t.coverAlt } : {}) }]] : [];
		})
	);
}

/** `course.yaml`; `coverFile` is the cover's file name in the course folder (content/coverFileName). */
export function courseYaml(c: AboutColumns & { coverFile: string | null }, modules: string[], translations: AboutRow[]): string {
	return toYaml({
		status: c.status,
		pathway: c.pathway,
		level: c.level,
		competenceAreas: c.competenceAreas,
		...(c.coverFile ? { cover: c.coverFile } : {}),
		modules,
		translations: translationsOf(translations)
	});
}

/** `module.yaml` */
export function moduleYaml(m: AboutColumns & { hours: number; references: Reference[] }, lessons: string[], translations: AboutRow[]): string {
	return toYaml({
		status: m.status,
		pathway: m.pathway,
		level: m.level,
		competenceAreas: m.competenceAreas,
		hours: m.hours,
		lessons,
		references: m.references.map((r) => (r.url ? { citation: r.citation, url: r.url } : { citation: r.citation })),
		translations: translationsOf(translations)
	});
}

/** One activity's structure with its keys in the documented order. */
export function orderedStructure(a: ActivityStructure): ActivityStructure {
	if (a.kind === 'quiz') {
		return {
			key: a.key,
			kind: a.kind,
			passMark: a.passMark,
			questions: a.questions.map((q) => ({ key: q.key, multiple: q.multiple, options: q.options, correct: q.correct }))
		};
	}
	if (a.kind === 'case') return { key: a.key, kind: a.kind, choices: a.choices };
	return { key: a.key, kind: a.kind };
}

/** `lesson.yaml` (`status` only for a lesson that is not published: the files' default). */
export function lessonYaml(l: { status: string; minutes: number; completion: string; media: string | null; activities: ActivityStructure[] }): string {
	return toYaml({
		...(l.status !== 'published' ? { status: l.status } : {}),
		minutes: l.minutes,
		completion: l.completion,
		...(l.media ? { media: l.media } : {}),
		activities: l.activities.map(orderedStructure)
	});
}

/** The texts of a lesson's activities, ordered like its structure (questions, options, choices too). */
export function orderedActivityTexts(structure: ActivityStructure[], texts: Record<string, ActivityTexts>): Record<string, ActivityTexts> {
	const ordered: Record<string, ActivityTexts> = {};
	for (const a of structure) {
		const t = texts[a.key];
		if (!t) continue;
		if (a.kind === 'quiz' && 'questions' in t) {
			ordered[a.key] = {
				title: t.title,
				questions: Object.fromEntries(
					a.questions.flatMap((q) => {
						const qt = t.questions[q.key];
						if (!qt) return [];
						const options = Object.fromEntries(
							q.options.flatMap((o) => (qt.options[o] ? [[o, { text: qt.options[o].text, feedback: qt.options[o].feedback }]] : []))
						);
						return [[q.key, { prompt: qt.prompt, options }]];
					})
				)
			};
		} else if (a.kind === 'reflection' && 'prompt' in t) {
			ordered[a.key] = { title: t.title, prompt: t.prompt };
		} else if (a.kind === 'case' && 'choices' in t) {
			ordered[a.key] = {
				title: t.title,
				situation: t.situation,
				question: t.question,
				choices: Object.fromEntries(a.choices.flatMap((c) => (t.choices[c] ? [[c, { text: t.choices[c].text, consequence: t.choices[c].consequence }]] : [])))
			};
		} else {
			ordered[a.key] = t;
		}
	}
	// Texts of activities the structure does not have (should not happen) are kept, not lost.
	for (const [key, t] of Object.entries(texts)) if (!(key in ordered)) ordered[key] = t;
	return ordered;
}

/** The activity texts as the lesson editor's YAML field shows them: empty when there are none. */
export function activitiesYaml(structure: ActivityStructure[], texts: Record<string, ActivityTexts>): string {
	const ordered = orderedActivityTexts(structure, texts);
	return Object.keys(ordered).length ? toYaml(ordered) : '';
}

/** `<locale>.md`: front matter and the Markdown body. */
export function lessonMarkdown(
	t: { title: string; summary: string; body: string; narration: string[]; activities: Record<string, ActivityTexts> },
	structure: ActivityStructure[]
): string {
	const activities = orderedActivityTexts(structure, t.activities);
	const front = toYaml({
		title: t.title,
		...(t.summary ? { summary: t.summary } : {}),
		...(t.narration.length ? { narration: t.narration } : {}),
		...(Object.keys(activities).length ? { activities } : {})
	});
	return `---\n${front}---\n\n${t.body}\n`;
}

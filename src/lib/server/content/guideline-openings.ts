// The twelve ethical guidelines (content/frameworks/ethical-guidelines.yaml) complete three
// different sentences, one per group: "When I provide career guidance" (1–3), "When relating to and
// cooperating with clients" (4–8), "I reflect on my practice by" (9–12); HK-dir's Norwegian text is
// "Når jeg gir karriereveiledning", "I relasjon og samarbeid med veisøker", "Jeg reflekterer over
// egen praksis ved å" (seed 002). The content once gave all twelve the first opening. Each group's
// body quotes its sentence ("Each completes the sentence “… …”"); `npm run content:check` fails
// when a guideline does not open with its group's sentence, when two groups share one, or when the
// English or Norwegian sentence is not the official one.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { LOCALES, type AppLocale } from '../../i18n/locales.ts';

export type OpeningProblem = { file: string; field: string; reason: string };

/** The official openings of the three groups, in order: competence, relation and cooperation, reflection. */
export const OFFICIAL_OPENINGS: Partial<Record<AppLocale, readonly [string, string, string]>> = {
	en: ['When I provide career guidance', 'When relating to and cooperating with clients', 'I reflect on my practice by'],
	nb: ['Når jeg gir karriereveiledning', 'I relasjon og samarbeid med veisøker', 'Jeg reflekterer over egen praksis ved å']
};
export const GUIDELINE_GROUPS = ['guidelines-competence', 'guidelines-relation', 'guidelines-reflection'] as const;

type Texts = Partial<Record<AppLocale, { title?: string; body?: string }>>;
type Node = { key: string; translations?: Texts; children?: Node[] };

/** The sentence a group's body quotes, without its closing "…" and comma: “When I provide career guidance, I …” → "When I provide career guidance, I". */
export function quotedOpening(body: string): string | null {
	const quoted = /[“«„"]([^”»“"]+)[”»“"]/u.exec(body);
	if (!quoted) return null;
	return quoted[1]!.replace(/\s*…\s*$/u, '').replace(/,\s*$/u, '').trim() || null;
}

/** Problems with the openings of the guidelines in one framework file's `nodes`. */
export function guidelineOpeningProblems(nodes: Node[], file = 'frameworks/ethical-guidelines.yaml'): OpeningProblem[] {
	const problems: OpeningProblem[] = [];
	const find = (list: Node[] | undefined, key: string): Node | undefined => {
		for (const n of list ?? []) {
			if (n.key === key) return n;
			const inner = find(n.children, key);
			if (inner) return inner;
		}
	};
	for (const locale of LOCALES) {
		const openings: string[] = [];
		for (const [i, key] of GUIDELINE_GROUPS.entries()) {
			const group = find(nodes, key);
			if (!group) {
				if (locale === 'en') problems.push({ file, field: key, reason: 'is missing (the guidelines come in three groups)' });
				continue;
			}
			const opening = quotedOpening(group.translations?.[locale]?.body ?? '');
			if (!opening) {
				problems.push({ file, field: `${key}.${locale}.body`, reason: 'does not quote the sentence its guidelines complete (“… …”)' });
				continue;
			}
			const official = OFFICIAL_OPENINGS[locale]?.[i];
			if (official && !opening.startsWith(official)) problems.push({ file, field: `${key}.${locale}.body`, reason: `quotes “${opening} …”; the official opening is “${official}”` });
			if (openings.includes(opening)) problems.push({ file, field: `${key}.${locale}.body`, reason: `quotes the same opening as another group (“${opening} …”); each group has its own` });
			openings.push(opening);
			for (const item of group.children ?? []) {
				const body = item.translations?.[locale]?.body;
				if (body !== undefined && !body.trim().startsWith(opening))
					problems.push({ file, field: `${item.key}.${locale}.body`, reason: `does not open with its group's sentence “${opening} …”` });
			}
		}
	}
	return problems;
}

/** Per language, the three sentences the groups quote (in group order; empty where a group quotes none). */
export function guidelineOpenings(nodes: Node[]): Partial<Record<AppLocale, string[]>> {
	const find = (list: Node[] | undefined, key: string): Node | undefined => {
		for (const n of list ?? []) {
			if (n.key === key) return n;
			const inner = find(n.children, key);
			if (inner) return inner;
		}
	};
	return Object.fromEntries(LOCALES.map((locale) => [locale, GUIDELINE_GROUPS.map((key) => quotedOpening(find(nodes, key)?.translations?.[locale]?.body ?? '') ?? '')]));
}

/**
 * A lesson text (`texts`: file and the body with its narration, per language) that quotes the first
 * group's opening but not the other two: it presents one opening as if it were all twelve's.
 */
export function lessonOpeningProblems(texts: { file: string; locale: AppLocale; text: string }[], openings: Partial<Record<AppLocale, string[]>>): OpeningProblem[] {
	const problems: OpeningProblem[] = [];
	for (const { file, locale, text } of texts) {
		const [first, ...others] = openings[locale] ?? [];
		const lower = text.toLowerCase();
		if (!first || !lower.includes(first.toLowerCase())) continue;
		const missing = others.filter((o) => o && !lower.includes(o.toLowerCase()));
		if (missing.length)
			problems.push({ file, field: 'body', reason: `quotes the opening of guidelines 1–3 (“${first} …”) but not ${missing.map((o) => `“${o} …”`).join(' and ')}: guidelines 4–8 and 9–12 open differently` });
	}
	return problems;
}

/** Reads content/frameworks/ethical-guidelines.yaml and checks its openings. */
export function readGuidelineNodes(contentDir: string): Node[] {
	const file = path.join(contentDir, 'frameworks', 'ethical-guidelines.yaml');
	return fs.existsSync(file) ? (parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[] }).nodes : [];
}

// Checks of a course's teaching quality that the importer's schemas cannot express: a quiz's
// answer key agrees with the feedback learners read, the correct option is not given away by being
// the longest, a module's CPD hours are the time its lessons and stated activities take, and every
// diagram has its text alternative in every language and is used where it is meant to be.
// `npm run content:check` runs them on the shipped courses (scripts/content-check.ts).
import { BASE_LOCALE, LOCALES, type AppLocale } from '../../../i18n/locales.ts';
import { DIAGRAM_KEYS, DIAGRAMS, diagramInWords, type DiagramDefinition } from '../../../diagrams/index.ts';
import type { CourseSource, ModuleSource } from './files.ts';

/**
 * How the feedback on a right answer opens, per language ("Right. …", "Yes, …"). The feedback on a
 * correct option must open with one of these words; the feedback on a wrong option never does.
 */
export const RIGHT_VERDICTS: Record<AppLocale, readonly string[]> = {
	en: ['Right', 'Correct', 'Yes'],
	nb: ['Riktig', 'Ja'],
	cs: ['Správně', 'Ano'],
	sk: ['Správne', 'Áno'],
	pl: ['Dobrze', 'Tak']
};

/** The share of quiz questions whose longest option is a correct one above which a quiz is guessable. */
export const LONGEST_OPTION_LIMIT = 0.4;

/** Whether a feedback text opens with the verdict "right" in its language. */
export function readsAsRight(locale: AppLocale, feedback: string): boolean {
	const opening = feedback.trim();
	return RIGHT_VERDICTS[locale].some((word) => opening.startsWith(word) && /^[.,!;:\s—–-]/u.test(opening.slice(word.length)));
}

export type QualityProblem = { file: string; field: string; reason: string };

/** Every option whose feedback says the opposite of the answer key (in any language). */
export function verdictProblems(course: CourseSource): QualityProblem[] {
	const problems: QualityProblem[] = [];
	for (const m of course.modules)
		for (const l of m.lessons)
			for (const a of l.structure.activities) {
				if (a.kind !== 'quiz') continue;
				for (const [locale, t] of Object.entries(l.translations)) {
					const texts = t.meta.activities[a.key];
					if (!texts || !('questions' in texts)) continue;
					for (const q of a.questions)
						for (const o of q.options) {
							const feedback = texts.questions[q.key]?.options[o]?.feedback ?? '';
							const correct = q.correct.includes(o);
							if (correct === readsAsRight(locale as AppLocale, feedback)) continue;
							problems.push({
								file: t.file,
								field: `activities.${a.key}.questions.${q.key}.options.${o}.feedback`,
								reason: correct
									? `option ${o} is marked correct in lesson.yaml, but its feedback does not open with "${RIGHT_VERDICTS[locale as AppLocale].join('", "')}"`
									: `option ${o} is not marked correct in lesson.yaml, but its feedback opens like a right answer`
							});
						}
				}
			}
	return problems;
}

export type LongestOptionShare = { locale: AppLocale; questions: number; longestIsCorrect: number; share: number; cued: string[] };

/**
 * Per language: in how many quiz questions the single longest option is a correct one. A share far
 * above chance lets a learner pass without reading.
 */
export function longestOptionShares(courses: CourseSource[]): LongestOptionShare[] {
	return LOCALES.flatMap((locale) => {
		let questions = 0;
		const cued: string[] = [];
		for (const c of courses)
			for (const m of c.modules)
				for (const l of m.lessons) {
					const t = l.translations[locale];
					if (!t) continue;
					for (const a of l.structure.activities) {
						const texts = t.meta.activities[a.key];
						if (a.kind !== 'quiz' || !texts || !('questions' in texts)) continue;
						for (const q of a.questions) {
							const lengths = q.options.map((o) => [...(texts.questions[q.key]?.options[o]?.text ?? '')].length);
							const max = Math.max(...lengths);
							const longest = q.options.filter((_, i) => lengths[i] === max);
							questions++;
							if (longest.length === 1 && q.correct.includes(longest[0]!)) cued.push(`${m.key}/${l.key} ${a.key}.${q.key}`);
						}
					}
				}
		if (!questions) return [];
		return [{ locale, questions, longestIsCorrect: cued.length, share: cued.length / questions, cued }];
	});
}

export type AnswerPositions = { single: number; counts: number[]; multiple: number; correctPerMultiple: Record<number, number>; multipleCounts: number[] };

/**
 * Where the correct answers sit in the files: for single-answer questions, how many are keyed to
 * the first, second, third … option; for multi-select questions, how many have 1, 2, 3 … correct
 * options and in how many each position is a correct one. Learners see the options shuffled, so positions do not reach them; the check is for
 * the files (a file where "b" is nearly always right reads as careless and can be guessed by anyone
 * reading it): `answerPositionProblems` fails a position that holds too many of the keys.
 */
export function answerPositions(courses: CourseSource[]): AnswerPositions {
	const counts: number[] = [];
	const correctPerMultiple: Record<number, number> = {};
	const multipleCounts: number[] = [];
	let single = 0;
	let multiple = 0;
	for (const c of courses)
		for (const m of c.modules)
			for (const l of m.lessons)
				for (const a of l.structure.activities) {
					if (a.kind !== 'quiz') continue;
					for (const q of a.questions) {
						if (q.multiple) {
							multiple++;
							correctPerMultiple[q.correct.length] = (correctPerMultiple[q.correct.length] ?? 0) + 1;
							for (const key of q.correct) {
								const i = q.options.indexOf(key);
								while (multipleCounts.length <= i) multipleCounts.push(0);
								multipleCounts[i]!++;
							}
							continue;
						}
						single++;
						for (const key of q.correct) {
							const i = q.options.indexOf(key);
							while (counts.length <= i) counts.push(0);
							counts[i]!++;
						}
					}
				}
	return { single, counts, multiple, correctPerMultiple, multipleCounts };
}

/** The share of single-answer questions keyed to one position above which the files are guessable. */
export const ANSWER_POSITION_LIMIT = 0.4;
/** Fewer questions (single-answer, or multi-select) than this are too few for a share to mean anything. */
export const ANSWER_POSITION_MIN_QUESTIONS = 10;
/**
 * The share of multi-select questions in which one position is a correct option above which the
 * files are guessable (with two right options of four, each position is right in half of them;
 * the shipped course once had "a" right in 12 of 14).
 */
export const MULTIPLE_POSITION_LIMIT = 0.7;

/**
 * A problem when one position (a, b, c …) holds more than `ANSWER_POSITION_LIMIT` of the keys of at
 * least `ANSWER_POSITION_MIN_QUESTIONS` single-answer questions, or is a correct option in more than
 * `MULTIPLE_POSITION_LIMIT` of at least as many multi-select questions.
 */
export function answerPositionProblems(positions: AnswerPositions): QualityProblem[] {
	const problem = (reason: string): QualityProblem => ({ file: 'courses', field: 'quizzes', reason });
	const letter = (i: number) => String.fromCharCode(97 + i);
	const percent = (share: number) => `${Math.round(share * 100)}%`;
	const problems: QualityProblem[] = [];
	if (positions.single >= ANSWER_POSITION_MIN_QUESTIONS)
		positions.counts.forEach((n, i) => {
			const share = n / positions.single;
			if (share > ANSWER_POSITION_LIMIT)
				problems.push(problem(`${n} of ${positions.single} single-answer questions (${percent(share)}, limit ${ANSWER_POSITION_LIMIT * 100}%) are keyed to option ${letter(i)}: move the right option of some to another position, with its texts and feedback in every language`));
		});
	if (positions.multiple >= ANSWER_POSITION_MIN_QUESTIONS)
		positions.multipleCounts.forEach((n, i) => {
			const share = n / positions.multiple;
			if (share > MULTIPLE_POSITION_LIMIT)
				problems.push(problem(`option ${letter(i)} is a correct one in ${n} of ${positions.multiple} multi-select questions (${percent(share)}, limit ${MULTIPLE_POSITION_LIMIT * 100}%): move the right options of some to other positions, with their texts and feedback in every language`));
		});
	return problems;
}

/** What a module's CPD hours are made of: its lessons' minutes and the extra activities it states. */
export function moduleMinutes(m: ModuleSource): { lessons: number; extra: number; total: number } {
	const lessons = m.lessons.filter((l) => l.structure.status !== 'draft').reduce((sum, l) => sum + l.structure.minutes, 0);
	const extra = m.data.extraActivities.reduce((sum, e) => sum + e.minutes, 0);
	return { lessons, extra, total: lessons + extra };
}

/** The CPD hours a module's time is worth, to the quarter hour. */
export const hoursOf = (minutes: number) => Math.round(minutes / 15) / 4;

/** Modules whose stated hours differ from what their lessons and extra activities add up to. */
export function hoursProblems(course: CourseSource): QualityProblem[] {
	return course.modules.flatMap((m) => {
		const minutes = moduleMinutes(m);
		const derived = hoursOf(minutes.total);
		if (m.data.hours === undefined || m.data.hours === derived) return [];
		return [
			{
				file: m.file,
				field: 'hours',
				reason: `says ${m.data.hours} h, but the lessons take ${minutes.lessons} min and the extra activities ${minutes.extra} min (${derived} h); leave "hours" out to derive it`
			}
		];
	});
}

/** How each language says "working draft" (the badge on draft framework items), inflections included. */
export const DRAFT_MARKERS: Record<AppLocale, RegExp> = {
	en: /working draft/i,
	nb: /arbeidsutkast/i,
	cs: /pracovn\p{L}* návrh/iu,
	sk: /pracovn\p{L}* návrh/iu,
	pl: /robocz/iu
};

/**
 * Lesson paragraphs that link to a framework item the platform drafted itself (`draft: true`,
 * e.g. a sub-competence statement) without saying, in that paragraph, that it is a working draft:
 * a learner must not take the platform's wording for the official standard.
 */
export function draftCitationProblems(course: CourseSource, draftItems: ReadonlySet<string>): QualityProblem[] {
	const problems: QualityProblem[] = [];
	for (const m of course.modules)
		for (const l of m.lessons)
			for (const [locale, t] of Object.entries(l.translations))
				for (const [i, paragraph] of t.body.split('\n').entries())
					for (const link of paragraph.matchAll(/\]\(framework:([a-z0-9-]+)\/([a-z0-9-]+)\)/g)) {
						const item = `${link[1]}/${link[2]}`;
						if (draftItems.has(item) && !DRAFT_MARKERS[locale as AppLocale].test(paragraph))
							problems.push({ file: t.file, field: `body line ${i + 1}`, reason: `links to the working-draft item ${item} without saying it is a working draft` });
					}
	return problems;
}

/** What the diagram check found: problems, and where each diagram is used. */
export type DiagramReport = { problems: QualityProblem[]; lessons: Map<string, string[]>; placements: number };

/**
 * The platform's diagrams (src/lib/diagrams) against the courses and frameworks: every diagram has a
 * title and a description (its text alternative) in every language, translated rather than copied
 * from English; every diagram is used in a lesson, and a lesson that draws one in English draws it
 * in every language it has; every framework placement names a node that exists (`frameworkNodes`:
 * `slug/key`, and `slug/` for the top of a framework's page).
 */
export function diagramProblems(courses: CourseSource[], frameworkNodes: ReadonlySet<string>): DiagramReport {
	const problems: QualityProblem[] = [];
	const lessons = new Map<string, string[]>(DIAGRAM_KEYS.map((k) => [k, []]));
	for (const key of DIAGRAM_KEYS) {
		const d: DiagramDefinition = DIAGRAMS[key];
		const english = { title: d.title({ locale: BASE_LOCALE }), description: d.description({ locale: BASE_LOCALE }) };
		for (const locale of LOCALES) {
			const title = d.title({ locale }).trim();
			const description = d.description({ locale }).trim();
			if (!title || !description) problems.push({ file: `messages/diagrams/${locale}.json`, field: key, reason: 'needs a title and a description (the text alternative)' });
			else if (locale !== BASE_LOCALE && (title === english.title || description === english.description))
				problems.push({ file: `messages/diagrams/${locale}.json`, field: key, reason: 'the title or description is the English text, not a translation' });
			if (!diagramInWords(d.shape({ locale })).trim()) problems.push({ file: `messages/diagrams/${locale}.json`, field: key, reason: 'has no text equivalent' });
		}
		if (!d.placements.length) problems.push({ file: 'src/lib/diagrams/index.ts', field: key, reason: 'is placed on no framework page (add the node it belongs to in `placements`)' });
		for (const p of d.placements)
			if (!frameworkNodes.has(`${p.framework}/${p.node}`))
				problems.push({ file: 'src/lib/diagrams/index.ts', field: key, reason: `is placed on ${p.framework}/${p.node}, which is not a framework node` });
	}
	for (const c of courses)
		for (const m of c.modules)
			for (const l of m.lessons) {
				const english = l.translations[BASE_LOCALE]?.refs.diagrams.map((d) => d.key) ?? [];
				for (const key of english) lessons.get(key)?.push(`${m.key}/${l.key}`);
				for (const [locale, t] of Object.entries(l.translations)) {
					const here = t.refs.diagrams.map((d) => d.key);
					const missing = english.filter((k) => !here.includes(k));
					if (missing.length) problems.push({ file: t.file, field: 'body', reason: `the English text draws ${missing.join(', ')}; this ${locale} text does not` });
				}
			}
	for (const [key, where] of lessons) if (!where.length) problems.push({ file: 'src/lib/diagrams/index.ts', field: key, reason: 'is used in no lesson (add `::: diagram ' + key + '` where a lesson explains it)' });
	const placements = DIAGRAM_KEYS.reduce((n, k) => n + (DIAGRAMS[k] as DiagramDefinition).placements.length, 0);
	return { problems, lessons, placements };
}

/**
 * Glossary terms (`terms`: the keys of content/glossary) that no lesson links to in any language
 * (`[word](glossary:<key>)`): a term a learner never meets from a lesson belongs in one.
 */
export function unlinkedGlossaryTerms(courses: CourseSource[], terms: readonly string[]): string[] {
	const linked = new Set(courses.flatMap((c) => c.modules.flatMap((m) => m.lessons.flatMap((l) => Object.values(l.translations).flatMap((t) => t.refs.glossary)))));
	return terms.filter((k) => !linked.has(k));
}

/**
 * A published course, module or lesson without its text in one of the five languages: the platform
 * promises every course in all of them (a missing language falls back to English silently).
 */
export function translationProblems(course: CourseSource): QualityProblem[] {
	if (course.data.status === 'draft') return [];
	const missing = (has: (locale: AppLocale) => boolean) => LOCALES.filter((locale) => !has(locale));
	const problems: QualityProblem[] = [];
	const report = (file: string, locales: AppLocale[]) => {
		if (locales.length) problems.push({ file, field: 'translations', reason: `has no ${locales.join(', ')} text (every published course is in all ${LOCALES.length} languages)` });
	};
	report(course.file, missing((l) => Boolean(course.data.translations[l])));
	for (const m of course.modules) {
		if (m.data.status === 'draft') continue;
		report(m.file, missing((l) => Boolean(m.data.translations[l])));
		for (const l of m.lessons) if (l.structure.status !== 'draft') report(l.file, missing((locale) => Boolean(l.translations[locale])));
	}
	return problems;
}

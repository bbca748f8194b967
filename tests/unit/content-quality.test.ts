import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { characterProblems, namePattern, readCharacters, type Characters } from '../../src/lib/server/content/characters.ts';
import { findRejected, readTermbase, termbaseProblems, variantPattern, type Termbase } from '../../src/lib/server/content/termbase.ts';
import { readCourses, type CourseSource } from '../../src/lib/server/learn/content/files.ts';
import { stableShuffle } from '../../src/lib/server/learn/content/option-order.ts';
import { DIAGRAM_KEYS, DIAGRAMS, diagramFigure, type DiagramDefinition } from '../../src/lib/diagrams/index.ts';
import { drawDiagram, wrap } from '../../src/lib/diagrams/svg.ts';
import { lessonRenderContext } from '../../src/lib/server/learn/catalogue/index.ts';
import { parseLessonTranslation } from '../../src/lib/server/learn/content/files.ts';
import { renderMarkdown } from '../../src/lib/server/learn/content/markdown.ts';
import {
	ANSWER_POSITION_LIMIT,
	answerPositionProblems,
	answerPositions,
	diagramProblems,
	draftCitationProblems,
	hoursOf,
	hoursProblems,
	LONGEST_OPTION_LIMIT,
	longestOptionShares,
	moduleMinutes,
	MULTIPLE_POSITION_LIMIT,
	readsAsRight,
	translationProblems,
	unlinkedGlossaryTerms,
	verdictProblems
} from '../../src/lib/server/learn/content/quality.ts';

const CONTENT = path.resolve('content');
const MESSAGES = path.resolve('messages');

type Option = { text: string; feedback: string };
/** A one-lesson course with one quiz question, as readCourses would return it. */
function course(correct: string[], options: Record<string, Option>, hours?: number): CourseSource {
	const keys = Object.keys(options);
	return {
		key: 'c',
		file: 'c/course.yaml',
		hash: '',
		cover: null,
		data: {} as CourseSource['data'],
		modules: [
			{
				key: 'm',
				file: 'c/m/module.yaml',
				data: { hours, extraActivities: [{ kind: 'reading', minutes: 30, note: '' }] } as unknown as CourseSource['modules'][number]['data'],
				lessons: [
					{
						key: 'l',
						file: 'c/m/l/lesson.yaml',
						files: [],
						structure: { status: 'published', minutes: 15, completion: 'quiz', activities: [{ key: 'check', kind: 'quiz', passMark: 70, questions: [{ key: 'q1', multiple: false, options: keys, correct }] }] },
						translations: {
							en: { file: 'c/m/l/en.md', body: '', refs: { links: [], images: [] } as never, meta: { title: 'L', summary: '', narration: [], activities: { check: { title: 'Check', questions: { q1: { prompt: '?', options } } } } } }
						}
					}
				]
			}
		]
	};
}

describe('answer keys against feedback', () => {
	it('reads the verdict word each language opens a right answer with', () => {
		expect(readsAsRight('en', 'Right. Outreach takes guidance…')).toBe(true);
		expect(readsAsRight('en', 'Rightly or wrongly, no.')).toBe(false);
		expect(readsAsRight('pl', 'Tak, to prawda.')).toBe(true);
		expect(readsAsRight('cs', 'Tak to není.')).toBe(false);
		expect(readsAsRight('nb', 'Ikke helt.')).toBe(false);
	});

	it('fails a key whose correct option is explained as wrong, and a wrong option explained as right', () => {
		const options = {
			a: { text: 'Send a letter', feedback: 'Not the best first step.' },
			b: { text: 'Go to the youth club', feedback: 'Right. Outreach takes guidance to where people are.' },
			c: { text: 'Wait for registration', feedback: 'Not quite. Voluntary does not mean passive.' }
		};
		const swapped = course(['c'], options);
		expect(verdictProblems(swapped).map((p) => p.field)).toEqual(['activities.check.questions.q1.options.b.feedback', 'activities.check.questions.q1.options.c.feedback']);
		const fixed = course(['b'], options);
		expect(verdictProblems(fixed)).toEqual([]);
	});

	it('holds for every shipped quiz in every language', () => {
		expect(readCourses(CONTENT).flatMap(verdictProblems)).toEqual([]);
	});
});

describe('guessable quizzes', () => {
	it('counts a question when its single longest option is the correct one', () => {
		const cued = course(['a'], { a: { text: 'the long right answer', feedback: 'Right.' }, b: { text: 'short', feedback: 'No.' } });
		const fair = course(['a'], { a: { text: 'right one', feedback: 'Right.' }, b: { text: 'a longer wrong one', feedback: 'No.' } });
		expect(longestOptionShares([cued])[0]).toMatchObject({ locale: 'en', questions: 1, longestIsCorrect: 1 });
		expect(longestOptionShares([fair])[0]).toMatchObject({ questions: 1, longestIsCorrect: 0 });
	});

	it('keeps the shipped quizzes under the limit in every language', () => {
		for (const share of longestOptionShares(readCourses(CONTENT))) expect(share.share, `${share.locale}: ${share.cued.join(', ')}`).toBeLessThanOrEqual(LONGEST_OPTION_LIMIT);
	});
});

describe('option order', () => {
	const options = ['a', 'b', 'c', 'd'].map((key) => ({ key }));
	it('is the same for a learner on every visit, differs between learners and keeps every option', () => {
		const once = stableShuffle(options, 'user-1:7:check:q1').map((o) => o.key);
		expect(stableShuffle(options, 'user-1:7:check:q1').map((o) => o.key)).toEqual(once);
		expect([...once].sort()).toEqual(['a', 'b', 'c', 'd']);
		const orders = new Set(Array.from({ length: 20 }, (_, i) => stableShuffle(options, `user-${i}:7:check:q1`).map((o) => o.key).join('')));
		expect(orders.size).toBeGreaterThan(5);
		// Where the right answer lands is spread over the positions, not fixed at b.
		const firsts = new Set(Array.from({ length: 40 }, (_, i) => stableShuffle(options, `user-${i}:7:check:q1`)[0]!.key));
		expect(firsts.size).toBe(4);
	});
});

describe('answer positions', () => {
	it('counts single-answer keys per position and multi-select questions per number of right answers', () => {
		const one = course(['b'], { a: { text: 'A', feedback: 'No.' }, b: { text: 'B', feedback: 'Right.' }, c: { text: 'C', feedback: 'No.' } });
		const lesson = one.modules[0]!.lessons[0]!;
		const quiz = lesson.structure.activities[0] as { questions: { key: string; multiple: boolean; options: string[]; correct: string[] }[] };
		quiz.questions.push({ key: 'q2', multiple: false, options: ['a', 'b', 'c'], correct: ['c'] }, { key: 'q3', multiple: true, options: ['a', 'b', 'c', 'd'], correct: ['a', 'd'] });
		expect(answerPositions([one])).toEqual({ single: 2, counts: [0, 1, 1], multiple: 1, correctPerMultiple: { 2: 1 }, multipleCounts: [1, 0, 0, 1] });
	});

	/** A course whose single-answer questions are keyed to these positions (0 = a). */
	const keyedTo = (positions: number[]): CourseSource => {
		const c = course(['a'], { a: { text: 'A', feedback: 'Right.' }, b: { text: 'B', feedback: 'No.' }, c: { text: 'C', feedback: 'No.' } });
		const quiz = c.modules[0]!.lessons[0]!.structure.activities[0] as { questions: { key: string; multiple: boolean; options: string[]; correct: string[] }[] };
		quiz.questions = positions.map((p, i) => ({ key: `q${i + 1}`, multiple: false, options: ['a', 'b', 'c'], correct: [['a', 'b', 'c'][p]!] }));
		return c;
	};

	it('fails when one position holds more than 40% of ten or more single-answer questions', () => {
		// The shipped course before issue 18: b in 18 of 31.
		const bHeavy = keyedTo([...Array(18).fill(1), ...Array(6).fill(0), ...Array(7).fill(2)]);
		const problems = answerPositionProblems(answerPositions([bHeavy]));
		expect(problems).toHaveLength(1);
		expect(problems[0]!.reason).toMatch(/^18 of 31 single-answer questions \(58%, limit 40%\) are keyed to option b/);
		// Exactly 40% passes; one more fails; under ten questions nothing is measured.
		expect(answerPositionProblems(answerPositions([keyedTo([0, 0, 0, 0, 1, 1, 1, 2, 2, 2])]))).toEqual([]);
		expect(answerPositionProblems(answerPositions([keyedTo([0, 0, 0, 0, 0, 1, 1, 1, 2, 2])]))[0]?.reason).toMatch(/keyed to option a/);
		expect(answerPositionProblems(answerPositions([keyedTo(Array(9).fill(1))]))).toEqual([]);
	});

	it('fails when one position is a right option in more than 70% of ten or more multi-select questions', () => {
		const multi = (sets: string[][]): CourseSource => {
			const c = course(['a'], { a: { text: 'A', feedback: 'Right.' } });
			const quiz = c.modules[0]!.lessons[0]!.structure.activities[0] as { questions: { key: string; multiple: boolean; options: string[]; correct: string[] }[] };
			quiz.questions = sets.map((correct, i) => ({ key: `q${i + 1}`, multiple: true, options: ['a', 'b', 'c', 'd'], correct }));
			return c;
		};
		// The shipped course before this check: a was right in 12 of 14 multi-select questions.
		const aHeavy = multi([...Array(6).fill(['a', 'c']), ...Array(4).fill(['a', 'b']), ['a', 'd'], ['a', 'b', 'd'], ['b', 'd'], ['b', 'd']]);
		expect(answerPositions([aHeavy]).multipleCounts).toEqual([12, 7, 6, 4]);
		expect(answerPositionProblems(answerPositions([aHeavy])).map((p) => p.reason)).toEqual([
			'option a is a correct one in 12 of 14 multi-select questions (86%, limit 70%): move the right options of some to other positions, with their texts and feedback in every language'
		]);
		const spread = multi([['a', 'b'], ['c', 'd'], ['a', 'c'], ['b', 'd'], ['a', 'd'], ['b', 'c'], ['a', 'b'], ['c', 'd'], ['a', 'c'], ['b', 'd']]);
		expect(answerPositionProblems(answerPositions([spread]))).toEqual([]);
	});

	it('keeps the shipped single-answer keys spread over the positions', () => {
		const positions = answerPositions(readCourses(CONTENT));
		expect(positions.single).toBeGreaterThanOrEqual(10);
		expect(answerPositionProblems(positions)).toEqual([]);
		for (const n of positions.counts) expect(n / positions.single).toBeLessThanOrEqual(ANSWER_POSITION_LIMIT);
		for (const n of positions.multipleCounts) expect(n / positions.multiple).toBeLessThanOrEqual(MULTIPLE_POSITION_LIMIT);
	});
});

describe('glossary terms linked from lessons', () => {
	it('lists the terms no lesson links to in any language', () => {
		const c = course(['a'], { a: { text: 'A', feedback: 'Right.' } });
		const lesson = c.modules[0]!.lessons[0]!;
		lesson.translations.en!.refs = { images: [], framework: [], diagrams: [], glossary: ['career'] };
		lesson.translations.nb = { ...lesson.translations.en!, refs: { ...lesson.translations.en!.refs, glossary: ['guidance'] } };
		expect(unlinkedGlossaryTerms([c], ['career', 'guidance', 'dots-model'])).toEqual(['dots-model']);
	});

	it('finds every shipped glossary term linked from a lesson', () => {
		const terms = fs.readdirSync(path.join(CONTENT, 'glossary')).filter((n) => n.endsWith('.yaml')).map((n) => path.basename(n, '.yaml'));
		expect(terms.length).toBeGreaterThan(40);
		expect(unlinkedGlossaryTerms(readCourses(CONTENT), terms)).toEqual([]);
	});
});

describe('five languages', () => {
	it('fails a published course, module or lesson that misses a language, and passes a draft', () => {
		const c = course(['a'], { a: { text: 'A', feedback: 'Right.' } });
		const all = { en: {}, nb: {}, cs: {}, sk: {}, pl: {} };
		c.data = { status: 'published', translations: all } as unknown as CourseSource['data'];
		c.modules[0]!.data = { ...c.modules[0]!.data, status: 'published', translations: { en: {}, nb: {}, cs: {}, sk: {} } } as unknown as CourseSource['modules'][number]['data'];
		expect(translationProblems(c).map((p) => `${p.file}: ${p.reason}`)).toEqual([
			'c/m/module.yaml: has no pl text (every published course is in all 5 languages)',
			'c/m/l/lesson.yaml: has no nb, cs, sk, pl text (every published course is in all 5 languages)'
		]);
		c.data = { status: 'draft', translations: all } as unknown as CourseSource['data'];
		expect(translationProblems(c)).toEqual([]);
	});

	it('holds for the shipped courses', () => {
		expect(readCourses(CONTENT).flatMap(translationProblems)).toEqual([]);
	});
});

describe('the CPD course for experienced practitioners and service leaders (issue 18, item 9)', () => {
	const cpd = () => readCourses(CONTENT).find((c) => c.key === 'quality-and-cpd')!;

	it('is a short CPD pathway of 4 to 6 hours, derived from its lessons and stated activities', () => {
		const c = cpd();
		expect(c.data.pathway).toBe('cpd');
		const hours = c.modules.reduce((sum, m) => sum + hoursOf(moduleMinutes(m).total), 0);
		expect(hours).toBeGreaterThanOrEqual(4);
		expect(hours).toBeLessThanOrEqual(6);
	});

	it('has a module for service leaders with a quality round and a service mapped with the ETF template', () => {
		const leaders = cpd().modules.find((m) => m.key === 'leading-quality')!;
		expect(leaders.lessons.map((l) => l.key)).toEqual(expect.arrayContaining(['running-a-quality-round', 'mapping-a-service']));
		const mapping = leaders.lessons.find((l) => l.key === 'mapping-a-service')!;
		expect(mapping.translations.en!.refs.framework.map((ref) => ref.slug)).toContain('ict-lmi-mapping-template');
	});
});

describe('module hours', () => {
	it('derives hours from lesson minutes plus extra activities, to the quarter hour', () => {
		expect(hoursOf(115)).toBe(2);
		expect(hoursOf(105)).toBe(1.75);
		expect(hoursProblems(course(['a'], { a: { text: 'x', feedback: 'Right.' } }))).toEqual([]);
		expect(hoursProblems(course(['a'], { a: { text: 'x', feedback: 'Right.' } }, 3))[0]?.reason).toMatch(/says 3 h.*15 min.*30 min \(0\.75 h\)/);
	});

	it('states no shipped module hours that its lessons do not add up to', () => {
		expect(readCourses(CONTENT).flatMap(hoursProblems)).toEqual([]);
	});
});

describe('working-draft citations', () => {
	it('fails a lesson paragraph that cites a drafted competence statement as if it were the standard', () => {
		const c = course(['a'], { a: { text: 'x', feedback: 'Right.' } });
		const t = c.modules[0]!.lessons[0]!.translations.en!;
		const drafts = new Set(['competence-standards/area-5-skills-1']);
		t.body = 'It builds the competence to [use LMI](framework:competence-standards/area-5-skills-1).';
		expect(draftCitationProblems(c, drafts)).toHaveLength(1);
		t.body += ' (The statement linked here is the platform\'s working draft.)';
		expect(draftCitationProblems(c, drafts)).toEqual([]);
	});

	it('marks the platform\'s own wording in the competence standards as a working draft (areas 2–7, every statement), and no shipped lesson cites it unlabelled', () => {
		type Node = { key: string; kind: string; draft?: boolean; children?: Node[] };
		const nodes = (parse(fs.readFileSync(path.join(CONTENT, 'frameworks', 'competence-standards.yaml'), 'utf8')) as { nodes: Node[] }).nodes;
		const areas = nodes.filter((n) => n.kind === 'area');
		expect(areas.map((a) => a.key)).toEqual(['area-1', 'area-2', 'area-3', 'area-4', 'area-5', 'area-6', 'area-7']);
		for (const a of areas.slice(1)) expect(a.draft, a.key).toBe(true);
		const items: Node[] = [];
		const walk = (list: Node[] = []): void => list.forEach((n) => (n.kind === 'item' && items.push(n), walk(n.children)));
		walk(nodes);
		expect(items.length).toBeGreaterThanOrEqual(56);
		for (const i of items) expect(i.draft, i.key).toBe(true);
		const drafts = new Set(items.map((i) => `competence-standards/${i.key}`));
		expect(readCourses(CONTENT).flatMap((c) => draftCitationProblems(c, drafts))).toEqual([]);
	});
});

describe('one name per person', () => {
	const write = (dir: string, file: string, text: string) => {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), text);
	};
	const card = (en: string, cs: string) => `translations:\n  en:\n    situation: "${en}"\n  cs:\n    situation: "${cs}"\n`;

	it('matches a name and its forms as whole, case-sensitive words', () => {
		const pattern = namePattern({ name: 'Marek', forms: ['Marka'] });
		expect(pattern.test('Marek, 19, left school')).toBe(true);
		expect(pattern.test('doporučit Marka kolegovi')).toBe(true);
		expect(pattern.test('Markéta, 30')).toBe(false);
		expect(pattern.test('marek')).toBe(false);
	});

	it('fails a name given to a second person, a language version that renames the person, a missing item; passes the shipped files', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'characters-'));
		write(dir, 'cards/a.yaml', card('Marek, 19, left school.', 'Marek (19) odešel ze školy.'));
		write(dir, 'cards/b.yaml', card('Tomas, 29, wants a fresh start.', 'Tomáš (29) chce začít znovu.'));
		write(dir, 'courses/c/m/l/en.md', 'Marek, 58, was made redundant. Mark Savickas would ask why.');
		write(dir, 'courses/c/m/l/cs.md', 'Marek (58) přišel o práci. Zeptal by se Marka Savickase.');
		const characters: Characters = {
			people: [
				{ name: 'Marek', item: 'cards/a.yaml', forms: ['Marka'], except: ['Marka Savickase'] },
				{ name: 'Tomas', item: 'cards/b.yaml', forms: [], except: [] },
				{ name: 'Radek', item: 'cards/gone.yaml', forms: [], except: [] }
			]
		};
		expect(characterProblems(characters, dir)).toEqual([
			{ file: 'courses/c/m/l/cs.md', field: '', reason: '"Marek" is Marek of cards/a.yaml (content/characters.yaml); give this person another name' },
			{ file: 'courses/c/m/l/en.md', field: '', reason: '"Marek" is Marek of cards/a.yaml (content/characters.yaml); give this person another name' },
			{ file: 'cards/b.yaml: translations.cs', field: '', reason: 'the cs version does not call Tomas by a listed form of the name (the same person has the same name in every language)' },
			{ file: 'characters.yaml', field: 'Radek', reason: 'the item cards/gone.yaml does not exist' }
		]);
		expect(characterProblems({ people: [...characters.people.slice(0, 1), { name: 'Marek', item: 'cards/b.yaml', forms: [], except: [] }] }, dir)).toContainEqual({
			file: 'characters.yaml',
			field: 'Marek',
			reason: '"Marek" is also the name of the person in cards/a.yaml'
		});
		fs.rmSync(dir, { recursive: true });
		expect(characterProblems(readCharacters(CONTENT), CONTENT)).toEqual([]);
	});
});

describe('termbase', () => {
	const termbase: Termbase = {
		concepts: [{ key: 'transition', note: '', acronyms: [], pl: { preferred: 'przejście', rejected: ['tranzycj*'], except: ['tranzycja płci'] } }]
	};

	it('matches whole words and inflections, case-insensitively', () => {
		expect(variantPattern('tranzycj*').test('Tranzycji zawodowej')).toBe(true);
		expect(variantPattern('służba').test('służbach')).toBe(false);
		expect(findRejected(termbase, { locale: 'pl', file: 'f', where: 'w', text: 'W czasie tranzycji…' })).toHaveLength(1);
		expect(findRejected(termbase, { locale: 'cs', file: 'f', where: 'w', text: 'W czasie tranzycji…' })).toHaveLength(0);
		expect(findRejected(termbase, { locale: 'pl', file: 'f', where: 'w', text: 'tranzycja płci' })).toHaveLength(0);
	});

	it('finds a rejected variant in a message file and fails nothing in the shipped files', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'termbase-'));
		fs.mkdirSync(path.join(dir, 'messages'));
		fs.mkdirSync(path.join(dir, 'content'));
		fs.writeFileSync(path.join(dir, 'messages', 'pl.json'), JSON.stringify({ a: 'Tranzycja zawodowa' }));
		expect(termbaseProblems(termbase, { contentDir: path.join(dir, 'content'), messagesDir: path.join(dir, 'messages') })).toEqual([
			{ file: 'messages/pl.json', field: 'a', reason: 'pl uses "tranzycj*" for transition; the termbase term is "przejście"' }
		]);
		fs.rmSync(dir, { recursive: true });
		expect(termbaseProblems(readTermbase(CONTENT), { contentDir: CONTENT, messagesDir: MESSAGES })).toEqual([]);
	});
});

describe('diagrams', () => {
	const frameworkNodes = (): Set<string> => {
		const keys = new Set<string>();
		for (const name of fs.readdirSync(path.join(CONTENT, 'frameworks')).filter((n) => n.endsWith('.yaml'))) {
			const slug = path.basename(name, '.yaml');
			keys.add(`${slug}/`);
			type Node = { key: string; children?: Node[] };
			const walk = (nodes: Node[] = []): void => nodes.forEach((n) => (keys.add(`${slug}/${n.key}`), walk(n.children)));
			walk((parse(fs.readFileSync(path.join(CONTENT, 'frameworks', name), 'utf8')) as { nodes: Node[] }).nodes);
		}
		return keys;
	};

	it('draws an SVG named and described for assistive technology, its texts escaped and wrapped', () => {
		const svg = drawDiagram({ kind: 'ring', centre: 'Me & <you>', items: ['a', 'b', 'c'] }, 'd1', 'Title "x"', 'What it shows');
		expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="d1-title" aria-describedby="d1-desc"/);
		expect(svg).toContain('<title id="d1-title">Title &quot;x&quot;</title><desc id="d1-desc">What it shows</desc>');
		expect(svg).toContain('Me &amp; &lt;you&gt;');
		expect(svg).not.toContain('<you>');
		expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
	});

	it('renders `::: diagram <key>` in a lesson as a figure in the reader\'s language, with the diagram in words', () => {
		const ctx = { ...lessonRenderContext('pl'), fileUrl: () => null };
		const html = renderMarkdown('Text.\n\n::: diagram career-buttons\n:::\n\n::: diagram career-buttons\n:::', ctx);
		expect(html).toContain('<figure class="diagram" id="diagram-career-buttons">');
		expect(html).toContain('id="diagram-career-buttons-2"');
		expect(html).toContain('<title id="diagram-career-buttons-title">Okrąg przycisków kariery</title>');
		expect(html).toMatch(/<details class="diagram-words"><summary>Schemat w słowach<\/summary><p>Sytuacja osoby, często przejście<\/p><ul><li>Ja – kontekst<\/li>/);
		expect(renderMarkdown('::: diagram no-such\n:::', ctx)).toContain('class="missing-image"');
	});

	it('refuses a lesson that names a diagram that does not exist', () => {
		const t = parseLessonTranslation('x/en.md', '---\ntitle: "T"\n---\n::: diagram career-buttons\n:::\n\n::: diagram nope\n:::\n');
		expect(t.refs.diagrams).toEqual([
			{ key: 'career-buttons', line: 1 },
			{ key: 'nope', line: 4 }
		]);
	});

	it('holds for the shipped diagrams: text alternatives in every language, each used in a lesson in every language, placed on real framework nodes', () => {
		const report = diagramProblems(readCourses(CONTENT), frameworkNodes());
		expect(report.problems).toEqual([]);
		expect(DIAGRAM_KEYS.length).toBeGreaterThanOrEqual(8);
		// The ones issue 18 names: the circle of career buttons, DOTS, the systems theory framework, the reflection model, the quality model, Watts' 2×2.
		expect(DIAGRAM_KEYS).toEqual(expect.arrayContaining(['career-buttons', 'dots', 'systems-theory', 'reflection-model', 'quality-model', 'watts']));
		for (const key of DIAGRAM_KEYS) expect((DIAGRAMS[key] as DiagramDefinition).placements.length, key).toBeGreaterThan(0);
		for (const key of DIAGRAM_KEYS) expect(report.lessons.get(key)?.length, key).toBeGreaterThan(0);
		expect(report.placements).toBeGreaterThanOrEqual(6);
		for (const key of DIAGRAM_KEYS) expect(diagramFigure(key, 'nb')).not.toEqual(diagramFigure(key, 'en'));
	});

	it('finds a lesson translation that leaves out a diagram, and a placement on a node that does not exist', () => {
		const courses = readCourses(CONTENT);
		const lesson = courses[0]!.modules.flatMap((m) => m.lessons).find((l) => l.translations.en!.refs.diagrams.length)!;
		lesson.translations.cs!.refs.diagrams = [];
		const nodes = frameworkNodes();
		nodes.delete('ethical-guidelines/reflection-model');
		const reasons = diagramProblems(courses, nodes).problems.map((p) => p.reason);
		expect(reasons.some((r) => /this cs text does not/.test(r))).toBe(true);
		expect(reasons).toContain('is placed on ethical-guidelines/reflection-model, which is not a framework node');
	});

	it('finds a diagram placed on no framework page', () => {
		const watts = DIAGRAMS.watts as DiagramDefinition;
		const placements = watts.placements;
		watts.placements = [];
		try {
			const found = diagramProblems(readCourses(CONTENT), frameworkNodes()).problems.filter((p) => p.field === 'watts');
			expect(found.map((p) => p.reason)).toEqual(['is placed on no framework page (add the node it belongs to in `placements`)']);
		} finally {
			watts.placements = placements;
		}
	});
});

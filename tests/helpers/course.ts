import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small course in the content/ format, written to a temporary content folder: two modules of two
 * lessons; the first module has a viewed lesson and a lesson with a quiz; the second a lesson with
 * a reflection and a case, and a viewed lesson. English and Norwegian.
 */
export function writeTestCourse(options: { nbQuizTitle?: string | null; lessonTitle?: string } = {}): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-course-'));
	const write = (file: string, text: string) => {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	};
	const about = (title: string) => `    title: "${title}"
    summary: "Summary of ${title}."
    audience: "Practitioners in training."
    why: "Because it matters."
    outcomes: ["Explain ${title}."]`;
	write(
		'courses/basics/course.yaml',
		`pathway: initial
level: skilled
modules: [first, second]
translations:
  en:
${about('Basics')}
  nb:
${about('Grunnlag')}
`
	);
	write(
		'courses/basics/first/module.yaml',
		`pathway: initial
level: skilled
hours: 2
lessons: [welcome, check]
references: [{ citation: "Someone (2020). A book." }]
translations:
  en:
${about('First module')}
`
	);
	write(
		'courses/basics/second/module.yaml',
		`pathway: cpd
level: specialised
hours: 1.5
lessons: [think, wrap-up]
translations:
  en:
${about('Second module')}
`
	);
	write('courses/basics/first/welcome/lesson.yaml', 'minutes: 5\ncompletion: viewed\n');
	write(
		'courses/basics/first/welcome/en.md',
		`---\ntitle: "${options.lessonTitle ?? 'Welcome'}"\n---\n\n## Hello\n\nSome <b>text</b> and a [term](glossary:career).\n\n::: tip\nA tip.\n:::\n`
	);
	write('courses/basics/first/welcome/nb.md', '---\ntitle: "Velkommen"\n---\n\nNorsk tekst.\n');
	write(
		'courses/basics/first/check/lesson.yaml',
		`minutes: 10
completion: quiz
activities:
  - key: quiz
    kind: quiz
    passMark: 50
    questions:
      - key: q1
        options: [a, b]
        correct: [a]
      - key: q2
        multiple: true
        options: [a, b, c]
        correct: [a, c]
`
	);
	const quiz = (title: string) => `activities:
  quiz:
    title: "${title}"
    questions:
      q1:
        prompt: "One?"
        options:
          a: { text: "Yes", feedback: "Right, because." }
          b: { text: "No", feedback: "Wrong, because." }
      q2:
        prompt: "Several?"
        options:
          a: { text: "A", feedback: "A is right." }
          b: { text: "B", feedback: "B is wrong." }
          c: { text: "C", feedback: "C is right." }`;
	write('courses/basics/first/check/en.md', `---\ntitle: "Check"\n${quiz('Quiz')}\n---\n\nBody.\n`);
	if (options.nbQuizTitle !== null) write('courses/basics/first/check/nb.md', `---\ntitle: "Sjekk"\n${quiz(options.nbQuizTitle ?? 'Prøve')}\n---\n\nTekst.\n`);
	write(
		'courses/basics/second/think/lesson.yaml',
		`minutes: 15
completion: activity
activities:
  - key: reflect
    kind: reflection
  - key: case
    kind: case
    choices: [a, b]
`
	);
	write(
		'courses/basics/second/think/en.md',
		`---
title: "Think"
activities:
  reflect:
    title: "Reflect"
    prompt: "What do you think?"
  case:
    title: "A case"
    situation: "Someone comes in."
    question: "What do you do?"
    choices:
      a: { text: "Listen", consequence: "They open up." }
      b: { text: "Advise", consequence: "They close down." }
---

Body.
`
	);
	write('courses/basics/second/wrap-up/lesson.yaml', 'minutes: 5\n');
	write('courses/basics/second/wrap-up/en.md', '---\ntitle: "Wrap-up"\n---\n\nThe end.\n');
	write('glossary/career.yaml', `source:\n  citation: "Test."\ntranslations:\n  en:\n    term: "Career"\n    definition: "A path."\n`);
	return root;
}

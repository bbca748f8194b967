import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// The shipped starter course as the tests need it: the order of lessons, what each asks, and the
// right answers (read from the same files the app imports, so the tests follow the content).

type Structure = {
	completion?: string;
	media?: string;
	activities?: ({ key: string; kind: 'quiz'; questions: { key: string; options: string[]; correct: string[]; multiple?: boolean }[] } | { key: string; kind: 'reflection' } | { key: string; kind: 'case'; choices: string[] })[];
};
type Texts = {
	title: string;
	activities?: Record<string, { title: string; prompt?: string; questions?: Record<string, { prompt: string; options: Record<string, { text: string }> }>; choices?: Record<string, { text: string }> }>;
};

export type CourseLesson = { module: string; key: string; path: string; structure: Structure; texts: Texts };

const ROOT = path.resolve('content/courses/foundations');
const yaml = (file: string) => parse(fs.readFileSync(file, 'utf8'));

function frontMatter(file: string): Texts {
	const text = fs.readFileSync(file, 'utf8');
	return parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)![1]!) as Texts;
}

export const COURSE = {
	slug: 'foundations',
	title: (yaml(path.join(ROOT, 'course.yaml')) as { translations: { en: { title: string; audience: string } } }).translations.en.title,
	audience: (yaml(path.join(ROOT, 'course.yaml')) as { translations: { en: { title: string; audience: string } } }).translations.en.audience
};

/** Every lesson of the starter course in reading order, with its structure and English texts. */
export function courseLessons(): CourseLesson[] {
	const modules = (yaml(path.join(ROOT, 'course.yaml')) as { modules: string[] }).modules;
	return modules.flatMap((module) =>
		(yaml(path.join(ROOT, module, 'module.yaml')) as { lessons: string[] }).lessons.map((key) => ({
			module,
			key,
			path: `/learn/foundations/${module}/${key}`,
			structure: (yaml(path.join(ROOT, module, key, 'lesson.yaml')) ?? {}) as Structure,
			texts: frontMatter(path.join(ROOT, module, key, 'en.md'))
		}))
	);
}

/** The form fields of a fully right (or fully wrong) answer to a quiz. */
export function quizAnswers(activity: Extract<NonNullable<Structure['activities']>[number], { kind: 'quiz' }>, right: boolean): [string, string][] {
	return activity.questions.flatMap((q) => {
		const chosen = right ? q.correct : [q.options.find((o) => !q.correct.includes(o))!];
		return chosen.map((o): [string, string] => [`answer.${q.key}`, o]);
	});
}

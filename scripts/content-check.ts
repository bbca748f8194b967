// `npm run content:check`: validates every file in content/ by importing it into a throwaway
// in-memory database (the real importer, so every rule applies); touches no data folder.
// `npm run content:check -- courses/<course>/<module>` checks only that module of a course (with
// its links to the glossary and frameworks), for authors working on one module at a time.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { config } from '../src/lib/server/config/index.ts';
import { openPglite } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { importAllContent, summariseImport } from '../src/lib/server/platform/content.ts';
import { importFrameworks } from '../src/lib/server/frameworks/import.ts';
import { importGlossary } from '../src/lib/server/glossary/import.ts';
import { readCourses, readModule } from '../src/lib/server/learn/content/files.ts';
import { diagramProblems, draftCitationProblems, hoursProblems, LONGEST_OPTION_LIMIT, longestOptionShares, answerPositions, answerPositionProblems, ANSWER_POSITION_LIMIT, MULTIPLE_POSITION_LIMIT, translationProblems, unlinkedGlossaryTerms, verdictProblems, type QualityProblem } from '../src/lib/server/learn/content/quality.ts';
import { readTermbase, termbaseProblems } from '../src/lib/server/content/termbase.ts';
import { characterProblems, readCharacters } from '../src/lib/server/content/characters.ts';
import { guidelineOpeningProblems, guidelineOpenings, lessonOpeningProblems, readGuidelineNodes } from '../src/lib/server/content/guideline-openings.ts';
import { checkLinks, loadLinkTargets } from '../src/lib/server/learn/content/links.ts';
import { LOCALES, type AppLocale } from '../src/lib/i18n/locales.ts';

const c = config();
const modules = process.argv.slice(2);
const database = await openPglite(null);
try {
	await migrate(database, c.migrationsDir);
	if (modules.length) {
		await importGlossary(database.db, c.contentDir, {});
		await importFrameworks(database.db, c.contentDir, {});
		const targets = await loadLinkTargets(database.db);
		for (const dir of modules) {
			const relative = path.relative(c.contentDir, path.resolve(dir.startsWith('content') ? dir : path.join(c.contentDir, dir)));
			const m = readModule(c.contentDir, relative, path.basename(relative));
			checkLinks({ file: m.file, data: m.data, modules: [m] }, targets);
			console.log(`${relative}: ${m.lessons.length} lessons valid`);
		}
	} else {
		const reports = await importAllContent(database.db, c.contentDir);
		for (const line of summariseImport(reports)) console.log(line.replace(' new,', ' valid,').replace(/, 0 updated, 0 unchanged/, ''));
		qualityChecks(c.contentDir);
	}
} catch (error) {
	if (error instanceof Error && (error.name === 'ContentError' || error.name === 'StartupError')) {
		console.error(`praxis: ${error.message}`);
		process.exitCode = 1;
	} else throw error;
} finally {
	await database.close();
}

/**
 * The checks beyond the importer's rules: answer keys against the feedback, guessable quizzes
 * (longest option, answer positions in the files), module hours against lesson minutes, every
 * published course in all five languages, every glossary term linked from a lesson, diagrams (text
 * alternatives in every language, used in lessons, placed on framework nodes that exist), the three
 * openings of the ethical guidelines, one term per concept (content/termbase.yaml), one name per
 * person (content/characters.yaml).
 */
function qualityChecks(contentDir: string): void {
	const courses = readCourses(contentDir);
	const drafts = draftFrameworkItems(contentDir);
	const problems: QualityProblem[] = courses.flatMap((course) => [...verdictProblems(course), ...hoursProblems(course), ...draftCitationProblems(course, drafts)]);
	const untranslated = courses.flatMap(translationProblems);
	console.log(`languages: ${untranslated.length ? `${untranslated.length} published courses, modules or lessons miss a language (below)` : `every published course, module and lesson in all ${LOCALES.length} languages`}`);
	problems.push(...untranslated);
	console.log(`answer keys: ${courses.flatMap((k) => verdictProblems(k)).length ? 'feedback contradicts the key (below)' : 'every option\'s feedback agrees with the key'}`);
	for (const share of longestOptionShares(courses)) {
		const percent = Math.round(share.share * 100);
		console.log(`quizzes (${share.locale}): the longest option is the correct one in ${share.longestIsCorrect} of ${share.questions} questions (${percent}%, limit ${LONGEST_OPTION_LIMIT * 100}%)`);
		if (share.share > LONGEST_OPTION_LIMIT)
			problems.push({ file: `courses (${share.locale})`, field: 'quizzes', reason: `the longest option is correct in ${percent}% of questions: ${share.cued.join('; ')}` });
	}
	// Learners see the options shuffled (option-order.ts), but the files must not give the key away.
	const positions = answerPositions(courses);
	const byPosition = positions.counts.map((n, i) => `${String.fromCharCode(97 + i)} ${n} (${Math.round((n / Math.max(positions.single, 1)) * 100)}%)`).join(', ');
	const byCount = Object.entries(positions.correctPerMultiple).map(([k, n]) => `${n} with ${k}`).join(', ');
	const multipleBy = positions.multipleCounts.map((n, i) => `${String.fromCharCode(97 + i)} ${n}`).join(', ');
	console.log(`answer positions in the files (shuffled for learners): ${positions.single} single-answer questions keyed ${byPosition} (limit ${ANSWER_POSITION_LIMIT * 100}% per position); ${positions.multiple} multi-select, ${byCount} correct; right options per position ${multipleBy} (limit ${MULTIPLE_POSITION_LIMIT * 100}% of them)`);
	problems.push(...answerPositionProblems(positions));
	const terms = fs.readdirSync(path.join(contentDir, 'glossary')).filter((n) => n.endsWith('.yaml')).map((n) => path.basename(n, '.yaml'));
	const unlinked = unlinkedGlossaryTerms(courses, terms);
	console.log(`glossary: ${unlinked.length ? `${unlinked.length} terms no lesson links` : 'every term is linked from a lesson'}`);
	for (const k of unlinked) problems.push({ file: `glossary/${k}.yaml`, field: '', reason: 'no lesson links to this term (link it where a lesson uses it)' });
	const diagrams = diagramProblems(courses, frameworkNodes(contentDir));
	const used = [...diagrams.lessons.values()].filter((w) => w.length).length;
	console.log(`diagrams: ${diagrams.lessons.size} with a title, description and text equivalent in ${LOCALES.length} languages; ${used} used in lessons, ${diagrams.placements} placements on framework pages`);
	problems.push(...diagrams.problems);
	const guidelines = readGuidelineNodes(contentDir);
	const lessonTexts = courses.flatMap((k) =>
		k.modules.flatMap((m) => m.lessons.flatMap((l) => Object.entries(l.translations).map(([locale, t]) => ({ file: t.file, locale: locale as AppLocale, text: `${t.meta.narration.join('\n')}\n${t.body}` }))))
	);
	const openings = [...guidelineOpeningProblems(guidelines), ...lessonOpeningProblems(lessonTexts, guidelineOpenings(guidelines))];
	console.log(`ethical guidelines: ${openings.length ? `${openings.length} problems with the three openings (below)` : 'each group opens with its own sentence (1–3, 4–8, 9–12), the official one in en and nb, and no lesson gives all twelve the first'}`);
	problems.push(...openings);
	const termbase = readTermbase(contentDir);
	const termbaseIssues = termbaseProblems(termbase, { contentDir, messagesDir: path.join(import.meta.dirname, '..', 'messages') });
	console.log(`termbase: ${termbase.concepts.length} concepts, ${termbaseIssues.length} rejected variants in use`);
	problems.push(...termbaseIssues);
	const characters = readCharacters(contentDir);
	const names = characterProblems(characters, contentDir);
	console.log(`characters: ${characters.people.length} named people, ${names.length ? `${names.length} problems (a name used for two people, or missing from a language version)` : 'each name used for one person, in every language version'}`);
	problems.push(...names);
	for (const p of problems) console.error(`praxis: ${p.file}: ${p.field ? `${p.field}: ` : ''}${p.reason}`);
	if (problems.length) {
		console.error(`praxis: ${problems.length} content problems`);
		process.exitCode = 1;
	}
}

/** `slug/key` of every framework node, and `slug/` for the top of each framework's page. */
function frameworkNodes(contentDir: string): Set<string> {
	const keys = new Set<string>();
	const dir = path.join(contentDir, 'frameworks');
	for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
		const slug = path.basename(name, '.yaml');
		keys.add(`${slug}/`);
		const walk = (nodes: NodeFile[] = []) => {
			for (const n of nodes) {
				keys.add(`${slug}/${n.key}`);
				walk(n.children);
			}
		};
		walk((parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { nodes: NodeFile[] }).nodes);
	}
	return keys;
}

type NodeFile = { key: string; kind: string; draft?: boolean; children?: NodeFile[] };
/** `framework/node` of every drafted framework item below area level (an area's name is official). */
function draftFrameworkItems(contentDir: string): Set<string> {
	const drafts = new Set<string>();
	const dir = path.join(contentDir, 'frameworks');
	for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
		const walk = (nodes: NodeFile[] = []) => {
			for (const n of nodes) {
				if (n.draft && n.kind !== 'area') drafts.add(`${path.basename(name, '.yaml')}/${n.key}`);
				walk(n.children);
			}
		};
		walk((parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { nodes: NodeFile[] }).nodes);
	}
	return drafts;
}

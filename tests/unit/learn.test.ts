import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { activityResponse, certificate, enrolment, journalEntry, learningRecord, lesson, lessonProgress } from '../../src/lib/server/db/schema/learn.ts';
import { exportMyData } from '../../src/lib/server/platform/personal-data.ts';
import { exportLearningData } from '../../src/lib/server/learn/progress/personal-data.ts';
import { getLessonResponses, saveDraft, saveReflection, submitCase, submitQuiz } from '../../src/lib/server/learn/progress/activities.ts';
import { getCourseOutline, lessonsInOrder, nextLesson } from '../../src/lib/server/learn/catalogue/catalogue.ts';
import { getCertificate, normaliseCertificateCode } from '../../src/lib/server/learn/progress/certificates.ts';
import { openBadgeJwt } from '../../src/lib/server/learn/progress/badges.ts';
import { forgetConfig } from '../../src/lib/server/config/index.ts';
import { cohortProgress, createCohort, joinByCode, leaveCohort } from '../../src/lib/server/learn/cohorts/cohorts.ts';
import { listJournal, shareJournalEntry, updateJournalEntry } from '../../src/lib/server/learn/progress/journal.ts';
import { getLesson } from '../../src/lib/server/learn/catalogue/lesson.ts';
import { parseRange } from '../../src/lib/server/learn/content/media.ts';
import { enrol, getCourseProgress, recordLessonView, type LessonRef } from '../../src/lib/server/learn/progress/progress.ts';
import { listStatements } from '../../src/lib/server/learn/progress/xapi.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { ok, problem, type ProblemKind, type Result } from '../../src/lib/server/result/index.ts';
import { writeTestCourse } from '../helpers/course.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';

const ORIGIN = 'https://praxis.test';
const ctx = { localize: (p: string) => `/en${p}`, calloutLabel: (k: string) => k.toUpperCase() };

async function person(database: Database, name: string): Promise<string> {
	const [row] = await database.db
		.insert(user)
		.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school' })
		.returning({ id: user.id });
	return row!.id;
}

/** A signed-in member with this id: who is asking. */
const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}
const refused = (kind: ProblemKind) => ({ ok: false, problem: { kind } });

describe.each(testDatabases())('learning on $name', ({ open }) => {
	let database: Database;
	let contentDir: string;
	const progressOf = async (userId: string, courseId: number) => (await getCourseProgress(database.db, as(userId), courseId))!;
	beforeEach(async () => {
		database = await open();
		contentDir = writeTestCourse();
		await seedContent(database, [contentDir]);
	});
	afterEach(async () => {
		await database.close();
		fs.rmSync(contentDir, { recursive: true, force: true });
	});

	const outline = () => getCourseOutline(database.db, 'basics', 'nb').then((o) => o!);
	const lessonRef = async (key: string): Promise<LessonRef> => (await getLesson(database.db, await outline(), key, 'en', ctx))!.ref;

	it('imports a course with modules, lessons and translations, and a second import changes nothing', async () => {
		const o = await outline();
		expect(o.title).toBe('Grunnlag');
		expect(o.shownLocale).toBe('nb');
		expect(o.availableLocales).toEqual(['en', 'nb']);
		expect(o.hours).toBe(3.5);
		expect(o.moduleList.map((m) => m.key)).toEqual(['first', 'second']);
		// The second module has no Norwegian text: English is shown, and the page can say so.
		expect(o.moduleList[1]!.shownLocale).toBe('en');
		expect(lessonsInOrder(o).map((l) => l.key)).toEqual(['welcome', 'check', 'think', 'wrap-up']);
		const again = await importAllContent(database.db, contentDir);
		expect(again.find((r) => r.type === 'courses')).toMatchObject({ created: [], updated: [], unchanged: 1 });
	});

	it('renders lesson Markdown with raw HTML escaped, platform links localised and callouts labelled', async () => {
		const view = (await getLesson(database.db, await outline(), 'welcome', 'en', ctx))!;
		expect(view.html).toContain('&lt;b&gt;text&lt;/b&gt;');
		expect(view.html).not.toContain('<b>');
		expect(view.html).toContain('href="/en/glossary/career"');
		expect(view.html).toContain('class="callout callout-tip"');
		expect(view.html).toContain('TIP');
	});

	it('refuses a course whose translation lacks an activity text, naming the file and the field', async () => {
		const broken = writeTestCourse({ nbQuizTitle: '' });
		await expect(importAllContent(database.db, broken)).rejects.toThrow(/check\/nb\.md: activities\.quiz\.title: is required/);
		fs.rmSync(broken, { recursive: true, force: true });
	});

	it('keeps learners’ progress when a new version of the files is imported', async () => {
		const learner = { userId: await person(database, 'Ada'), origin: ORIGIN };
		const o = await outline();
		await enrol(database.db, as(learner.userId), learner, o);
		await recordLessonView(database.db, as(learner.userId), learner, await lessonRef('welcome'));
		const changed = writeTestCourse({ lessonTitle: 'Welcome, again' });
		const [report] = (await importAllContent(database.db, changed)).filter((r) => r.type === 'courses');
		expect(report!.updated).toEqual(['basics']);
		const progress = await progressOf(learner.userId, o.id);
		expect(progress.completed.size).toBe(1);
		expect((await getLesson(database.db, await outline(), 'welcome', 'en', ctx))!.title).toBe('Welcome, again');
		fs.rmSync(changed, { recursive: true, force: true });
	});

	it('takes a learner from enrolment through quizzes, a case and a reflection to a verifiable certificate', async () => {
		const learner = { userId: await person(database, 'Ada'), origin: ORIGIN };
		const o = await outline();
		await enrol(database.db, as(learner.userId), learner, o);
		await enrol(database.db, as(learner.userId), learner, o);

		const welcome = await lessonRef('welcome');
		await recordLessonView(database.db, as(learner.userId), learner, welcome);
		let progress = await progressOf(learner.userId, o.id);
		expect(progress.completed.has(welcome.id)).toBe(true);
		expect(nextLesson(o, progress)?.key).toBe('check');

		// A quiz failed, then passed: the best score is kept, and only passing completes the lesson.
		const check = await lessonRef('check');
		await recordLessonView(database.db, as(learner.userId), learner, check);
		expect(await submitQuiz(database.db, as(learner.userId), learner, check, 'quiz', { q1: ['a'] }, 'Quiz')).toMatchObject(refused('invalid'));
		const failed = await submitQuiz(database.db, as(learner.userId), learner, check, 'quiz', { q1: ['b'], q2: ['a'] }, 'Quiz');
		expect(failed).toMatchObject(ok({ score: 0, passed: false }));
		expect((await progressOf(learner.userId, o.id)).completed.has(check.id)).toBe(false);
		const passed = await submitQuiz(database.db, as(learner.userId), learner, check, 'quiz', { q1: ['a'], q2: ['c', 'a', 'zz'] }, 'Quiz');
		expect(passed).toMatchObject(ok({ score: 100, passed: true }));
		const worse = await submitQuiz(database.db, as(learner.userId), learner, check, 'quiz', { q1: ['b'], q2: ['a', 'c'] }, 'Quiz');
		expect(worse).toMatchObject(ok({ score: 50, passed: true }));
		const { responses } = value(await getLessonResponses(database.db, as(learner.userId), check.id));
		expect(responses.get('quiz')).toMatchObject({ score: 50, bestScore: 100, passed: true, attempts: 3 });
		progress = await progressOf(learner.userId, o.id);
		expect(progress.completed.has(check.id)).toBe(true);
		expect(progress.modulesCompleted.size).toBe(1);

		// Drafts are kept as the learner goes; the reflection goes to the journal; both activities complete the lesson.
		const think = await lessonRef('think');
		await recordLessonView(database.db, as(learner.userId), learner, think);
		await saveDraft(database.db, as(learner.userId), learner, think, 'reflect', { answers: {}, text: 'Half a thou' });
		expect((value(await getLessonResponses(database.db, as(learner.userId), think.id))).journal.get('reflect')?.draft).toBe('Half a thou');
		expect(await listJournal(database.db, as(learner.userId), 'en')).toEqual(ok([]));
		expect(await saveReflection(database.db, as(learner.userId), learner, think, 'reflect', 'A whole thought.', 'What do you think?', 'Reflect')).toEqual(ok());
		expect((await progressOf(learner.userId, o.id)).completed.has(think.id)).toBe(false);
		expect(await submitCase(database.db, as(learner.userId), learner, think, 'case', { choice: ['nope'] }, 'A case')).toMatchObject(refused('invalid'));
		expect(await submitCase(database.db, as(learner.userId), learner, think, 'case', { choice: ['a'] }, 'A case')).toEqual(ok({ choice: ['a'] }));
		expect((await progressOf(learner.userId, o.id)).completed.has(think.id)).toBe(true);
		const journal = value(await listJournal(database.db, as(learner.userId), 'en'));
		expect(journal).toMatchObject([{ body: 'A whole thought.', prompt: 'What do you think?', shared: false, lessonTitle: 'Think' }]);

		await recordLessonView(database.db, as(learner.userId), learner, await lessonRef('wrap-up'));
		progress = await progressOf(learner.userId, o.id);
		expect(progress.completedAt).not.toBeNull();
		expect(progress.modulesCompleted.size).toBe(2);

		const statements = await listStatements(database.db, { userId: learner.userId });
		const verbs = statements.map((s) => (s.verb as { display: { 'en-US': string } }).display['en-US']);
		expect(verbs.filter((v) => v === 'registered')).toHaveLength(1);
		expect(verbs).toContain('failed');
		expect(verbs).toContain('passed');
		expect(verbs.filter((v) => v === 'completed')).toHaveLength(4 + 2 + 1);
		const moduleDone = statements.find((s) => (s.object as { id: string }).id === `${ORIGIN}/xapi/courses/basics/modules/second`);
		expect(moduleDone?.result).toEqual({ completion: true, duration: 'PT1.5H' });
		expect(JSON.stringify(statements)).not.toContain('A whole thought');
		expect(JSON.stringify(statements)).not.toContain('ada@example.org');

		const [{ code }] = (await database.db.select({ code: certificate.code }).from(certificate)) as [{ code: string }];
		const issued = await getCertificate(database.db, null, code.toLowerCase().replaceAll('-', ' '), 'nb');
		expect(issued).toMatchObject({ holderName: 'Ada', hours: 3.5, courseTitle: 'Grunnlag', outcomes: ['Explain Grunnlag.'] });
		expect(normaliseCertificateCode(' abcd efgh jkmn ')).toBe('ABCD-EFGH-JKMN');

		// Its Open Badge goes to the holder only: a visitor and another member learn nothing.
		process.env.BADGE_SIGNING_KEYS = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
		forgetConfig();
		expect(await openBadgeJwt(database.db, null, code, 'en', ORIGIN)).toMatchObject(refused('not_found'));
		expect(await openBadgeJwt(database.db, as(await person(database, 'Eve')), code, 'en', ORIGIN)).toMatchObject(refused('not_found'));
		const badge = value(await openBadgeJwt(database.db, as(learner.userId), code, 'nb', ORIGIN));
		const claims = JSON.parse(Buffer.from(badge.split('.')[1]!, 'base64url').toString('utf8'));
		expect(claims).toMatchObject({
			iss: `${ORIGIN}/api/badges/issuer`,
			jti: `${ORIGIN}/certificates/${code}`,
			nbf: Math.floor(issued!.issuedAt.getTime() / 1000),
			credentialSubject: { achievement: { name: 'Grunnlag', inLanguage: 'nb' } }
		});
		expect(badge).not.toContain('ada@example.org');
	});

	it('shows a facilitator members’ progress and quiz results, but a reflection only once it is shared', async () => {
		const facilitator = await person(database, 'Fay');
		const learner = { userId: await person(database, 'Ada'), origin: ORIGIN };
		const o = await outline();
		const actor = (role: string) => ({ id: facilitator, role, emailVerified: true, totpEnabled: false, secondFactorVerified: false });
		const input = { courseId: o.id, name: 'Autumn', startsOn: '2026-09-01', endsOn: null };
		// Only facilitators (and editors and admins) create cohorts.
		expect(await createCohort(database.db, actor('member'), input)).toMatchObject(refused('forbidden'));
		expect(await createCohort(database.db, null, input)).toMatchObject(refused('forbidden'));
		const cohortId = value(await createCohort(database.db, actor('facilitator'), input)).id;
		const c = (await database.db.query.cohort.findFirst({ where: (t, { eq: is }) => is(t.id, cohortId) }))!;
		expect(await joinByCode(database.db, as(learner.userId), learner, 'nope')).toMatchObject(refused('not_found'));
		expect(value(await joinByCode(database.db, as(learner.userId), learner, c.joinCode.toLowerCase())).id).toBe(cohortId);
		// Joining enrols in the course.
		expect((await progressOf(learner.userId, o.id)).enrolled).toBe(true);

		const check = await lessonRef('check');
		await submitQuiz(database.db, as(learner.userId), learner, check, 'quiz', { q1: ['a'], q2: ['a'] }, 'Quiz');
		const think = await lessonRef('think');
		await saveReflection(database.db, as(learner.userId), learner, think, 'reflect', 'Private thoughts.', 'Prompt', 'Reflect');

		let [member] = value(await cohortProgress(database.db, as(facilitator), c));
		expect(member).toMatchObject({ name: 'Ada', lessonsDone: 1, modulesDone: 0, shared: [] });
		expect(member!.quizzes).toEqual([{ lessonId: check.id, activityKey: 'quiz', bestScore: 50, passed: true, attempts: 1 }]);

		const [entry] = value(await listJournal(database.db, as(learner.userId), 'en'));
		// Nobody else can change or share someone's journal entry.
		expect(await updateJournalEntry(database.db, as(facilitator), entry!.id, 'Hacked')).toEqual(problem('not_found'));
		expect(await shareJournalEntry(database.db, as(facilitator), entry!.id, true)).toEqual(problem('not_found'));
		expect(await shareJournalEntry(database.db, as(learner.userId), entry!.id, true)).toEqual(ok());
		[member] = value(await cohortProgress(database.db, as(facilitator), c));
		expect(member!.shared).toMatchObject([{ body: 'Private thoughts.' }]);
		const [stored] = await database.db.select().from(journalEntry).where(eq(journalEntry.id, entry!.id));
		expect(stored!.body).toBe('Private thoughts.');

		expect(await leaveCohort(database.db, as(learner.userId), cohortId)).toEqual(ok());
		expect(await cohortProgress(database.db, as(facilitator), c)).toEqual(ok([]));
		// Nobody but the facilitator sees the cohort's progress.
		expect(await cohortProgress(database.db, as(learner.userId), c)).toEqual(problem('not_found'));
	});

	it('puts a learner’s learning in their data export and deletes it with their account', async () => {
		const learner = { userId: await person(database, 'Ada'), origin: ORIGIN };
		await enrol(database.db, as(learner.userId), learner, await outline());
		await recordLessonView(database.db, as(learner.userId), learner, await lessonRef('welcome'));
		const think = await lessonRef('think');
		await saveReflection(database.db, as(learner.userId), learner, think, 'reflect', 'Mine alone.', 'Prompt', 'Reflect');
		await submitCase(database.db, as(learner.userId), learner, think, 'case', { choice: ['b'] }, 'A case');
		const exportedResult = await exportMyData(database.db, as(learner.userId), '127.0.0.1');
		if (!exportedResult.ok) throw new Error('export refused');
		const exported = exportedResult.value as { learning: Awaited<ReturnType<typeof exportLearningData>> };
		expect(exported.learning.enrolments).toMatchObject([{ course: 'basics' }]);
		expect(exported.learning.journal).toMatchObject([{ body: 'Mine alone.', lesson: 'think' }]);
		expect(exported.learning.answers).toMatchObject([{ lesson: 'think', activity: 'case', answer: { choice: ['b'] } }]);
		expect(exported.learning.learningRecords.length).toBeGreaterThan(2);

		await database.db.delete(user).where(eq(user.id, learner.userId));
		for (const table of [enrolment, lessonProgress, activityResponse, journalEntry, learningRecord]) {
			expect(await database.db.select().from(table)).toEqual([]);
		}
	});

	it('removes a lesson that left the files, with its progress', async () => {
		const learner = { userId: await person(database, 'Ada'), origin: ORIGIN };
		await enrol(database.db, as(learner.userId), learner, await outline());
		await recordLessonView(database.db, as(learner.userId), learner, await lessonRef('wrap-up'));
		const moduleYaml = path.join(contentDir, 'courses/basics/second/module.yaml');
		fs.writeFileSync(moduleYaml, fs.readFileSync(moduleYaml, 'utf8').replace('lessons: [think, wrap-up]', 'lessons: [think]'));
		await importAllContent(database.db, contentDir);
		expect((await database.db.select({ key: lesson.key }).from(lesson)).map((l) => l.key).sort()).toEqual(['check', 'think', 'welcome']);
		expect((await progressOf(learner.userId, (await outline()).id)).viewed.size).toBe(0);
	});
});

describe('byte ranges for media', () => {
	it('reads the ranges players ask for and refuses impossible ones', () => {
		expect(parseRange(null, 100)).toBeNull();
		expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
		expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
		expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
		expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
		expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
		expect(parseRange('bytes=5-1', 100)).toBe('unsatisfiable');
		expect(parseRange('items=0-1', 100)).toBeNull();
	});
});

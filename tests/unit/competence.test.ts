// My competence and My CPD, through their services, on PGlite and PostgreSQL: the scale read from
// the standards, one area at a time, results, history and comparison, the loop to Learn (a gap's
// modules; a completed module's draft CPD entry), the CPD year, CSV out and in, sharing and privacy.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teamPage, assessmentResults, compareAssessments, getAssessment, learningForAreas, listAssessments, loadStandards, currentStandardsVersion, revokeShare, saveArea, shareAssessment, startAssessment, teamOverview, viewSharedAssessment } from '../../src/lib/server/competence/index.ts';
import { createEntry, exportCsv, importCsv, updateEntry, updateSettings, yearView, getEntry, deleteEntry, logPage, CPD_PAGE_SIZE, type EntryView, type YearView } from '../../src/lib/server/cpd/index.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { competenceAnswer } from '../../src/lib/server/db/schema/competence.ts';
import { cpdEntry } from '../../src/lib/server/db/schema/cpd.ts';
import { membership, organisation } from '../../src/lib/server/db/schema/organisations.ts';
import { auditEvent, domainEvent } from '../../src/lib/server/db/schema/platform.ts';
import { getCourseOutline } from '../../src/lib/server/learn/catalogue/catalogue.ts';
import { getLesson } from '../../src/lib/server/learn/catalogue/lesson.ts';
import { submitQuiz } from '../../src/lib/server/learn/progress/activities.ts';
import { enrol, recordLessonView, MODULE_COMPLETED } from '../../src/lib/server/learn/progress/progress.ts';
import { handlersOf } from '../../src/lib/server/platform/events/index.ts';
import { exportMyData } from '../../src/lib/server/platform/personal-data.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { writeTestCourse } from '../helpers/course.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';

const ORIGIN = 'https://praxis.test';
const ctx = { localize: (p: string) => `/en${p}`, calloutLabel: (k: string) => k.toUpperCase() };
const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}
const AREA1 = ['area-1-knowledge-1', 'area-1-knowledge-2', 'area-1-knowledge-3', 'area-1-skills-1', 'area-1-skills-2', 'area-1-skills-3', 'area-1-general-1', 'area-1-general-2'];

describe.each(testDatabases())('my competence and my CPD on $name', ({ open }) => {
	let database: Database;
	let contentDir: string;
	let db: Database['db'];
	beforeEach(async () => {
		database = await open();
		db = database.db;
		contentDir = writeTestCourse();
		// The real competence standards (with their scale), and the test course's first module linked to area 3.
		fs.mkdirSync(path.join(contentDir, 'frameworks'), { recursive: true });
		fs.copyFileSync('content/frameworks/competence-standards.yaml', path.join(contentDir, 'frameworks/competence-standards.yaml'));
		const module = path.join(contentDir, 'courses/basics/first/module.yaml');
		fs.writeFileSync(module, `competenceAreas: [area-3]\n${fs.readFileSync(module, 'utf8')}`);
		await seedContent(database, [contentDir]);
	});
	afterEach(async () => {
		await database.close();
		fs.rmSync(contentDir, { recursive: true, force: true });
	});

	async function person(name: string, locale = 'en'): Promise<string> {
		const [row] = await db.insert(user).values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale, country: 'NO', sector: 'school' }).returning({ id: user.id });
		return row!.id;
	}
	async function areaKeys(): Promise<Map<string, string[]>> {
		const s = (await loadStandards(db, (await currentStandardsVersion(db))!, 'en'))!;
		return new Map(s.areas.map((a) => [a.key, a.statements.map((x) => x.key)]));
	}
	const all = (keys: string[], v: string) => Object.fromEntries(keys.map((k) => [k, v]));

	it('reads the scale as data on the standards version, in the reader’s language', async () => {
		const s = (await loadStandards(db, (await currentStandardsVersion(db))!, 'nb'))!;
		expect(s.areas).toHaveLength(7);
		expect(s.areas[0]!.statements.map((x) => x.key)).toEqual(AREA1);
		expect(s.scale.map((o) => o.value)).toEqual([1, 2, 3, 4, 0]);
		expect(s.scale[0]!.label).toBe('Ikke ennå');
		expect(s.scale[4]!.label).toBe('Ikke relevant for min rolle');
		expect(s.levels.map((l) => l.key)).toEqual(['level-competent', 'level-specialised']);
	});

	it('saves one area at a time, refuses bad input without saving any of it, and scores the areas done', async () => {
		const ada = as(await person('Ada'));
		const keys = await areaKeys();
		const { id } = value(await startAssessment(db, ada, { fromLast: false }));
		// Half an area, not done: in progress, nothing lost.
		value(await saveArea(db, ada, id, { areaKey: 'area-1', answers: { [AREA1[0]!]: '4', [AREA1[1]!]: '' }, note: 'Draft', done: false }, 'en'));
		let view = value(await getAssessment(db, ada, id, 'en'));
		expect(view.areas[0]).toMatchObject({ status: 'in_progress', answered: 1, note: 'Draft' });
		expect(view.areas[1]!.status).toBe('not_started');

		// Out of scale, a statement of another area, a 10k-character note, done with gaps: refused, nothing saved.
		const before = await db.select().from(competenceAnswer).where(eq(competenceAnswer.assessmentId, id));
		expect(await saveArea(db, ada, id, { areaKey: 'area-1', answers: { ...all(AREA1, '3'), [AREA1[2]!]: '7' }, note: '', done: true }, 'en')).toMatchObject({ ok: false, problem: { kind: 'invalid', field: AREA1[2], key: 'competence_error_scale' } });
		expect(await saveArea(db, ada, id, { areaKey: 'area-1', answers: { 'area-2-knowledge-1': '3' }, note: '', done: false }, 'en')).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
		expect(await saveArea(db, ada, id, { areaKey: 'area-1', answers: all(AREA1, '3'), note: 'x'.repeat(10_000), done: true }, 'en')).toMatchObject({ ok: false, problem: { kind: 'too_large', field: 'note' } });
		expect(await saveArea(db, ada, id, { areaKey: 'area-1', answers: { [AREA1[1]!]: '3' }, note: '', done: true }, 'en')).toMatchObject({ ok: false, problem: { kind: 'invalid', key: 'competence_error_unanswered' } });
		expect(await saveArea(db, ada, id, { areaKey: 'area-99', answers: {}, note: '', done: false }, 'en')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await db.select().from(competenceAnswer).where(eq(competenceAnswer.assessmentId, id))).toEqual(before);

		// Area 1 confident (one not relevant), area 3 weak: a strength and a gap.
		value(await saveArea(db, ada, id, { areaKey: 'area-1', answers: { ...all(AREA1, '4'), [AREA1[7]!]: '0' }, note: 'Supervision notes', done: true }, 'en'));
		const area3 = keys.get('area-3')!;
		value(await saveArea(db, ada, id, { areaKey: 'area-3', answers: { ...all(area3, '2'), [area3[0]!]: '1' }, note: '', done: true }, 'en'));
		const results = value(await assessmentResults(db, ada, id, 'en'));
		const [r1, , r3] = results.areas;
		expect(r1).toMatchObject({ status: 'done', score: 4, relevant: 7, answered: 8, lowest: [] });
		expect(r3!.score).toBeCloseTo((1 + 2 * (area3.length - 1)) / area3.length, 2);
		expect(r3!.lowest.map((l) => l.key)).toEqual([area3[0]]);
		expect(results.strengths.map((a) => a.key)).toEqual(['area-1']);
		expect(results.gaps.map((a) => a.key)).toEqual(['area-3']);
		expect(view.completedAt).toBeNull();
		view = value(await getAssessment(db, ada, id, 'en'));
		expect(view.areas.filter((a) => a.status === 'done').map((a) => a.key)).toEqual(['area-1', 'area-3']);

		// Every area done: the assessment is complete.
		for (const [key, statements] of keys) if (key !== 'area-1' && key !== 'area-3') value(await saveArea(db, ada, id, { areaKey: key, answers: all(statements, '3'), note: '', done: true }, 'en'));
		expect(value(await getAssessment(db, ada, id, 'en')).completedAt).not.toBeNull();
	});

	it('keeps every assessment, starts a new one from the last answers and compares two', async () => {
		const ada = as(await person('Ada'));
		const keys = await areaKeys();
		const first = value(await startAssessment(db, ada, { fromLast: false })).id;
		value(await saveArea(db, ada, first, { areaKey: 'area-3', answers: all(keys.get('area-3')!, '2'), note: 'Before the course', done: true }, 'en'));
		const second = value(await startAssessment(db, ada, { fromLast: true })).id;
		const copied = value(await getAssessment(db, ada, second, 'en'));
		// The answers and the note are there; the area waits to be looked at again.
		expect(copied.areas[2]).toMatchObject({ status: 'in_progress', answered: keys.get('area-3')!.length, note: 'Before the course' });
		expect(copied.startedFrom).toBe(first);
		value(await saveArea(db, ada, second, { areaKey: 'area-3', answers: all(keys.get('area-3')!, '3'), note: 'After', done: true }, 'en'));
		expect(value(await listAssessments(db, ada)).map((a) => a.id)).toEqual([second, first]);
		const comparison = value(await compareAssessments(db, ada, second, first, 'en'));
		expect(comparison.first.id).toBe(first);
		expect(comparison.areas.find((a) => a.key === 'area-3')).toMatchObject({ first: 2, second: 3, change: 1 });
		expect(comparison.areas.find((a) => a.key === 'area-1')).toMatchObject({ first: null, second: null, change: null });
		expect(await compareAssessments(db, ada, first, first, 'en')).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
	});

	it('another person’s assessment is not found, whatever they try', async () => {
		const ada = as(await person('Ada'));
		const bo = as(await person('Bo'));
		const { id } = value(await startAssessment(db, ada, { fromLast: false }));
		const notFound = { ok: false, problem: { kind: 'not_found' } };
		expect(await getAssessment(db, bo, id, 'en')).toMatchObject(notFound);
		expect(await assessmentResults(db, bo, id, 'en')).toMatchObject(notFound);
		expect(await saveArea(db, bo, id, { areaKey: 'area-1', answers: {}, note: '', done: false }, 'en')).toMatchObject(notFound);
		expect(await compareAssessments(db, bo, id, '00000000-0000-4000-8000-000000000000', 'en')).toMatchObject(notFound);
		expect(await getAssessment(db, bo, 'not-a-uuid', 'en')).toMatchObject(notFound);
		expect(await getAssessment(db, null, id, 'en')).toMatchObject(notFound);
	});

	it('links a gap to the modules that build it, and a completed module to a draft CPD entry, counted once', async () => {
		const adaId = await person('Ada');
		const ada = as(adaId);
		const o = (await getCourseOutline(db, 'basics', 'en'))!;
		let [suggested] = await learningForAreas(db, adaId, ['area-3'], 'en');
		expect(suggested).toMatchObject({ courseSlug: 'basics', moduleKey: 'first', areaKeys: ['area-3'], lessons: 2, done: 0, completed: false, nextLesson: { key: 'welcome' } });
		expect(await learningForAreas(db, adaId, ['area-5'], 'en')).toEqual([]);

		value(await enrol(db, ada, { origin: ORIGIN }, o));
		const lessonRef = async (key: string) => (await getLesson(db, o, key, 'en', ctx))!.ref;
		value(await recordLessonView(db, ada, { origin: ORIGIN }, await lessonRef('welcome')));
		[suggested] = await learningForAreas(db, adaId, ['area-3'], 'en');
		expect(suggested).toMatchObject({ done: 1, nextLesson: { key: 'check' } });
		const check = await lessonRef('check');
		value(await recordLessonView(db, ada, { origin: ORIGIN }, check));
		value(await submitQuiz(db, ada, { origin: ORIGIN }, check, 'quiz', { q1: ['a'], q2: ['c', 'a'] }, 'Quiz'));
		[suggested] = await learningForAreas(db, adaId, ['area-3'], 'en');
		expect(suggested).toMatchObject({ done: 2, completed: true });

		// Learn emitted the completion; the dispatcher's table sends it to My CPD (twice: at least once delivery).
		const events = await db.select().from(domainEvent).where(eq(domainEvent.type, MODULE_COMPLETED));
		expect(events).toHaveLength(1);
		const handlers = handlersOf()({ ...events[0]!, channel: null, attempts: 1 });
		expect(handlers.length).toBeGreaterThan(0);
		for (let i = 0; i < 2; i++) for (const handle of handlers) await handle(db, events[0]!);
		let year = value(await yearView(db, ada, null));
		expect(year.drafts).toHaveLength(1);
		expect(year.drafts[0]).toMatchObject({ type: 'course', hours: 2, competenceAreas: ['area-3'], provider: 'Praxis', status: 'draft' });
		expect(year.hours).toBe(0);

		// Confirmed with a reflection: the hours count, recorded and reflected.
		const draft = year.drafts[0]!;
		value(await updateEntry(db, ada, draft.id, { title: draft.title, type: 'course', startsOn: draft.startsOn, endsOn: null, hours: 2, provider: 'Praxis', competenceAreas: ['area-3'], reflection: 'I will use the model with groups.' }));
		year = value(await yearView(db, ada, null));
		expect(year).toMatchObject({ hours: 2, reflectedHours: 2, unreflected: 0, drafts: [] });
		expect(year.byArea).toEqual([{ area: 'area-3', hours: 2 }]);
		// Removing it dismisses it: the module does not add it again.
		value(await deleteEntry(db, ada, draft.id));
		for (const handle of handlers) await handle(db, events[0]!);
		year = value(await yearView(db, ada, null));
		expect(year.hours + year.drafts.length).toBe(0);
	});

	it('keeps a CPD year against a target with a configurable start, and refuses bad entries', async () => {
		const ada = as(await person('Ada'));
		const entry = (over: object = {}) => ({ title: 'Supervision group', type: 'supervision' as const, startsOn: '2026-03-10', endsOn: null, hours: 1.5, provider: 'Centre', competenceAreas: ['area-2'], reflection: '', ...over });
		value(await createEntry(db, ada, entry()));
		value(await createEntry(db, ada, entry({ type: 'reading', startsOn: '2026-09-01', hours: 0.25, reflection: 'Read about LMI.', competenceAreas: ['area-2', 'area-5'] })));
		expect(await createEntry(db, ada, entry({ hours: 1.3 }))).toMatchObject({ ok: false, problem: { field: 'hours', key: 'cpd_error_hours' } });
		expect(await createEntry(db, ada, entry({ hours: 0 }))).toMatchObject({ ok: false, problem: { field: 'hours' } });
		expect(await createEntry(db, ada, entry({ endsOn: '2026-03-01' }))).toMatchObject({ ok: false, problem: { field: 'endsOn' } });
		let year = value(await yearView(db, ada, 2026));
		expect(year).toMatchObject({ from: '2026-01-01', until: '2027-01-01', hours: 1.75, reflectedHours: 0.25, unreflected: 1, settings: { targetHours: 25, yearStartMonth: 1 } });
		expect(year.byType).toEqual([{ type: 'supervision', hours: 1.5 }, { type: 'reading', hours: 0.25 }]);
		expect(year.byArea).toEqual([{ area: 'area-2', hours: 1.75 }, { area: 'area-5', hours: 0.25 }]);
		// A register whose year starts in August.
		value(await updateSettings(db, ada, { targetHours: 30, yearStartMonth: 8 }));
		year = value(await yearView(db, ada, 2026));
		expect(year).toMatchObject({ from: '2026-08-01', until: '2027-08-01', hours: 0.25, settings: { targetHours: 30 } });
		expect(value(await yearView(db, ada, null, new Date('2026-05-01T12:00:00Z'))).year).toBe(2025);
		expect(await updateSettings(db, ada, { targetHours: 30, yearStartMonth: 13 })).toMatchObject({ ok: false });
		// Someone else's entry is not found.
		const bo = as(await person('Bo'));
		expect(await getEntry(db, bo, year.entries[0]!.id)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await updateEntry(db, bo, year.entries[0]!.id, entry())).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await deleteEntry(db, bo, year.entries[0]!.id)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
	});

	it('exports CSV and imports it back; a file with bad rows names their lines and adds nothing', async () => {
		const ada = as(await person('Ada'));
		value(await createEntry(db, ada, { title: '=HYPERLINK("x")', type: 'workshop', startsOn: '2026-02-02', endsOn: '2026-02-03', hours: 6.5, provider: 'CDI, UK', competenceAreas: ['area-1', 'area-3'], reflection: 'Line one\nline "two"' }));
		const csv = value(await exportCsv(db, ada));
		expect(csv.split('\n')[0]).toBe('\uFEFFstart_date,end_date,title,type,hours,provider,competence_areas,reflection');
		expect(csv).toContain(`'=HYPERLINK`);
		const bo = as(await person('Bo'));
		expect(value(await importCsv(db, bo, csv))).toEqual({ added: 1 });
		const [copy] = (await db.select().from(cpdEntry).where(eq(cpdEntry.userId, bo!.id)));
		expect(copy).toMatchObject({ title: '=HYPERLINK("x")', type: 'workshop', startsOn: '2026-02-02', endsOn: '2026-02-03', quarters: 26, provider: 'CDI, UK', competenceAreas: ['area-1', 'area-3'], reflection: 'Line one\nline "two"' });

		const bad = ['start_date,end_date,title,type,hours,provider,competence_areas,reflection', '2026-01-05,,Fine,reading,1,,,', '2026-13-01,,Bad date,reading,1,,,', '2026-01-05,,Bad hours,reading,1.1,,,', '2026-01-05,,Bad type,party,1,,,'].join('\n');
		const refused = await importCsv(db, bo, bad);
		expect(refused.ok).toBe(false);
		expect('rows' in refused && refused.rows).toEqual([
			{ line: 3, column: 'start_date', key: 'cpd_error_date' },
			{ line: 4, column: 'hours', key: 'cpd_error_hours' },
			{ line: 5, column: 'type', key: 'cpd_error_type' }
		]);
		expect(await db.select().from(cpdEntry).where(eq(cpdEntry.userId, bo!.id))).toHaveLength(1);
		expect(await importCsv(db, bo, 'title\nx')).toMatchObject({ ok: false, problem: { key: 'cpd_error_columns' } });
		expect(await importCsv(db, bo, 'a,"b\n')).toMatchObject({ ok: false, problem: { key: 'cpd_error_csv' } });
	});

	it('shares with a leader by consent, revocably and audited; a team overview needs five shares', async () => {
		const keys = await areaKeys();
		const [centre] = await db.insert(organisation).values({ name: 'Centre', sector: 'school', country: 'NO' }).returning({ id: organisation.id });
		const orgId = centre!.id;
		const leader = as(await person('Lea'));
		await db.insert(membership).values({ organisationId: orgId, userId: leader!.id, role: 'leader' });
		const members: { actor: Actor; assessment: string }[] = [];
		for (const name of ['Ada', 'Bo', 'Cy', 'Di', 'Ed']) {
			const actor = as(await person(name));
			await db.insert(membership).values({ organisationId: orgId, userId: actor!.id, role: 'member' });
			const { id } = value(await startAssessment(db, actor, { fromLast: false }));
			value(await saveArea(db, actor, id, { areaKey: 'area-2', answers: all(keys.get('area-2')!, String(members.length % 4 + 1)), note: 'private note', done: true }, 'en'));
			members.push({ actor, assessment: id });
		}
		const [ada, bo] = members;
		// Private by default: the leader has nothing to open.
		expect(await teamOverview(db, leader, orgId, 'en')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		// Sharing needs membership of that organisation.
		const elsewhere = as(await person('Out'));
		const outsider = value(await startAssessment(db, elsewhere, { fromLast: false }));
		expect(await shareAssessment(db, elsewhere, outsider.id, orgId, { ip: null })).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		// Nor can anyone share someone else's assessment.
		expect(await shareAssessment(db, bo!.actor, ada!.assessment, orgId, { ip: null })).toMatchObject({ ok: false, problem: { kind: 'not_found' } });

		const share = value(await shareAssessment(db, ada!.actor, ada!.assessment, orgId, { ip: '203.0.113.1' }));
		const seen = value(await viewSharedAssessment(db, leader, share.id, 'en'));
		expect(seen.areas[1]).toMatchObject({ key: 'area-2', score: 1 });
		// Another member (not a leader) and the leader of another organisation see nothing.
		expect(await viewSharedAssessment(db, bo!.actor, share.id, 'en')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await viewSharedAssessment(db, elsewhere, share.id, 'en')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		// Four shares: no team overview.
		for (const m of members.slice(1, 4)) value(await shareAssessment(db, m.actor, m.assessment, orgId, { ip: null }));
		expect(await teamOverview(db, leader, orgId, 'en')).toMatchObject({ ok: false, problem: { kind: 'forbidden', key: 'competence_team_too_few' } });
		value(await shareAssessment(db, members[4]!.actor, members[4]!.assessment, orgId, { ip: null }));
		const team = value(await teamOverview(db, leader, orgId, 'en'));
		expect(team.members).toBe(5);
		// Scores 1, 2, 3, 4, 1: median 2, spread 1 to 4; no answers or notes in it.
		expect(team.areas[1]).toEqual({ key: 'area-2', title: expect.any(String), median: 2, min: 1, max: 4, count: 5 });
		expect(JSON.stringify(team)).not.toContain('private note');
		expect(await teamOverview(db, ada!.actor, orgId, 'en')).toMatchObject({ ok: false });
		// The leader's page: who shares (by their choice) and the overview; a plain member gets nothing.
		const leaderPage = value(await teamPage(db, leader, orgId, 'en'));
		expect(leaderPage.shares.map((s) => s.name).sort()).toEqual(['Ada', 'Bo', 'Cy', 'Di', 'Ed']);
		expect(leaderPage.team?.members).toBe(5);
		expect(await teamPage(db, ada!.actor, orgId, 'en')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });

		// Revoked: the leader sees nothing of it, the team falls back to four, and both acts are in the audit log.
		value(await revokeShare(db, ada!.actor, share.id, { ip: null }));
		expect(await viewSharedAssessment(db, leader, share.id, 'en')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await teamOverview(db, leader, orgId, 'en')).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(value(await teamPage(db, leader, orgId, 'en'))).toMatchObject({ team: null });
		expect(await revokeShare(db, bo!.actor, share.id, { ip: null })).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		const audits = await db.select({ event: auditEvent.event }).from(auditEvent).where(eq(auditEvent.actorId, ada!.actor!.id));
		expect(audits.map((a) => a.event).sort()).toEqual(['competence_share_revoked', 'competence_shared']);
	});

	it('puts assessments and the CPD log in the personal-data export', async () => {
		const adaId = await person('Ada');
		const ada = as(adaId);
		const { id } = value(await startAssessment(db, ada, { fromLast: false }));
		value(await saveArea(db, ada, id, { areaKey: 'area-1', answers: { [AREA1[0]!]: '3' }, note: 'My note', done: false }, 'en'));
		value(await createEntry(db, ada, { title: 'Conference', type: 'conference', startsOn: '2026-04-01', endsOn: null, hours: 7, provider: '', competenceAreas: [], reflection: 'Met peers.' }));
		const exported = value(await exportMyData(db, ada, '203.0.113.9')) as unknown as { competence: { assessments: { areas: { note: string }[]; answers: { value: number }[] }[] }; cpd: { entries: { title: string; hours: number }[] } };
		expect(exported.competence.assessments[0]!.areas[0]!.note).toBe('My note');
		expect(exported.competence.assessments[0]!.answers[0]!.value).toBe(3);
		expect(exported.cpd.entries).toMatchObject([{ title: 'Conference', hours: 7 }]);
		expect(await db.select().from(cpdEntry).where(and(eq(cpdEntry.userId, adaId)))).toHaveLength(1);
	});
});

describe('CPD log pages', () => {
	const entry = (i: number) => ({ id: String(i), title: `Entry ${i}`, hours: 1, reflected: true }) as unknown as EntryView;
	const year = { entries: Array.from({ length: 120 }, (_, i) => entry(i + 1)), hours: 120 } as unknown as YearView;

	it('shows fifty entries a page, newest first, with the whole year’s totals on every page', () => {
		const first = logPage(year, 1);
		expect(first).toMatchObject({ page: 1, pages: 3, entryCount: 120, hours: 120 });
		expect(first.entries.map((e) => e.id).slice(0, 2)).toEqual(['120', '119']);
		expect(first.entries).toHaveLength(CPD_PAGE_SIZE);
		// Past the end: the last page, with what is left.
		const last = logPage(year, 9);
		expect(last).toMatchObject({ page: 3, pages: 3 });
		expect(last.entries.map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => String(20 - i)));
		expect(logPage({ ...year, entries: [] }, 1)).toMatchObject({ page: 1, pages: 1, entries: [] });
	});
});

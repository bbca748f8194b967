// Our quality, through its services on both engines: a leader opens a round, members and an
// external link rate area by area, the leader closes it, the results show medians, spread,
// divergence and no small groups, and the plan and the anonymised export follow. The refusals
// are the policy tests: a member sees only their own answers, a link reaches only its round,
// another organisation's leader gets nothing, and bad input saves nothing.
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type Database, type DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { membership } from '../../src/lib/server/db/schema/organisations.ts';
import { auditEvent, mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import { qualityAnswer, qualityBenchmarkContribution, qualityRater, qualityRaterArea, qualityRound } from '../../src/lib/server/db/schema/quality.ts';
import { createOrganisation } from '../../src/lib/server/organisations/service.ts';
import { exportMyData } from '../../src/lib/server/platform/personal-data.ts';
import { QUALITY_DATA } from '../../src/lib/server/quality/personal-data.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { ownerSummary } from '../../src/lib/server/quality/summary.ts';
import { reportContent, roundReportPdf } from '../../src/lib/server/quality/report-pdf.ts';
import { resultsFrom, storeResults, type AnswerRow, type RaterRow, type StoredResults } from '../../src/lib/server/quality/results.ts';
import {
	addAction,
	addExternalLink,
	anonymisedAnswers,
	closeRound,
	openRound,
	organisationQuality,
	qualityHome,
	ratingView,
	remindRaters,
	roundReport,
	roundSummary,
	roundView,
	saveArea,
	setBenchmark,
	updateAction,
	type AreaAnswers
} from '../../src/lib/server/quality/service.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { writeTestCourse } from '../helpers/course.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';

const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}
const kind = (result: Result<unknown>) => (result.ok ? 'ok' : result.problem.kind);

const FRAMEWORK = 'guidance-service-self-assessment';
const AREA_1 = { key: 'access-for-all', indicators: ['reach-known-groups', 'reach-outreach', 'channels-modes', 'channels-accessible'] };
const AREA_2 = { key: 'holistic-content', indicators: ['cms-goals', 'cms-groups', 'lmi-current', 'lmi-self-search'] };
const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;

/** Every indicator of an area answered with `v` (or per indicator). */
const answers = (indicators: string[], v: number | string | ((key: string) => string)): AreaAnswers =>
	Object.fromEntries(indicators.map((key) => [key, { value: typeof v === 'function' ? v(key) : String(v), evidence: 'minutes of the team meeting', comment: '' }]));

let contentDir: string;
beforeAll(() => {
	// A small course (for actions linked to a lesson) and the two assessment frameworks.
	contentDir = writeTestCourse();
	fs.mkdirSync(path.join(contentDir, 'frameworks'));
	for (const file of [`${FRAMEWORK}.yaml`, 'quality-model.yaml']) fs.copyFileSync(path.join('content/frameworks', file), path.join(contentDir, 'frameworks', file));
});
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));

describe('results', () => {
	const areas = [
		{ key: 'a', code: '1', title: 'A', body: '', placeholder: false, criteria: [{ key: 'c', code: '1.1', title: 'C', placeholder: false, indicators: [{ key: 'i', code: null, title: 'I', guidance: '', placeholder: false }] }] }
	];
	const scale = [1, 2, 3, 4].map((v) => ({ value: v, label: String(v) }));
	const raters = (roles: string[]) => roles.map((role, i) => ({ id: `r${i}`, role }));
	const given = (values: (number | null)[]) => values.map((v, i) => ({ raterId: `r${i}`, indicatorKey: 'i', value: v }));
	const computeResults = (a: typeof areas, s: typeof scale, r: RaterRow[], g: AnswerRow[], previous?: StoredResults) => resultsFrom(a, s, storeResults(a, s, r, g), previous);

	it('gives median, spread, distribution and a colour', () => {
		const r = computeResults(areas, scale, raters(['practitioner', 'practitioner', 'practitioner', 'leader']), given([4, 3, 3, 4]));
		const c = r.areas[0]!.criteria[0]!;
		expect(c).toMatchObject({ n: 4, median: 3.5, distribution: [0, 0, 2, 2], rag: 'green', divergence: [] });
		expect(c.byRole.find((x) => x.role === 'practitioner')).toEqual({ role: 'practitioner', n: 3, median: 3 });
		// One leader: no breakdown for them.
		expect(c.byRole.find((x) => x.role === 'leader')).toEqual({ role: 'leader', n: 1, median: null });
	});

	it('flags a spread of two scale points or more', () => {
		const c = computeResults(areas, scale, raters(Array(6).fill('practitioner')), given([1, 1, 1, 4, 4, 4])).areas[0]!.criteria[0]!;
		expect(c.iqr).toBeGreaterThanOrEqual(2);
		expect(c.divergence).toContain('spread');
	});

	it('flags leaders and practitioners 1.5 apart, only when both groups have three', () => {
		const roles = ['leader', 'leader', 'leader', 'practitioner', 'practitioner', 'practitioner'];
		const c = computeResults(areas, scale, raters(roles), given([4, 4, 4, 2, 2, 3])).areas[0]!.criteria[0]!;
		expect(c.divergence).toContain('roles');
		const small = computeResults(areas, scale, raters(roles.slice(1)), given([4, 4, 2, 2, 2])).areas[0]!.criteria[0]!;
		expect(small.divergence).not.toContain('roles');
	});

	it('shows nothing for fewer than three raters, and counts "cannot judge" as no answer', () => {
		const r = computeResults(areas, scale, raters(['practitioner', 'practitioner', 'practitioner']), given([1, 2, null]));
		expect(r.hidden).toBe(true);
		expect(r.areas[0]!.criteria[0]).toMatchObject({ n: 2, median: null, rag: null, distribution: [0, 0, 0, 0] });
	});

	it('compares with the previous round', () => {
		const previous = storeResults(areas, scale, raters(['practitioner', 'practitioner', 'practitioner']), given([2, 2, 2]));
		const c = computeResults(areas, scale, raters(['practitioner', 'practitioner', 'practitioner']), given([3, 3, 4]), previous).areas[0]!.criteria[0]!;
		expect(c).toMatchObject({ previousMedian: 2, change: 'up' });
	});
});

describe('one-page summary', () => {
	const crit = (key: string, median: number | null, rag: 'red' | 'amber' | 'green' | null, divergence: ('spread' | 'roles')[] = []) => ({
		key,
		code: key,
		title: key.toUpperCase(),
		n: 4,
		median,
		q1: null,
		q3: null,
		iqr: null,
		distribution: [],
		byRole: [],
		divergence,
		rag,
		previousMedian: null,
		change: null
	});
	const results = {
		raters: 5,
		respondents: 4,
		hidden: false,
		areas: [
			{ ...crit('a1', 3.5, 'green'), previousMedian: 2, change: 'up' as const, criteria: [crit('c1', 3.8, 'green'), crit('c2', 3, 'green', ['spread']), crit('c3', 2.5, 'amber')] },
			{ ...crit('a2', 1.5, 'red', ['roles']), criteria: [crit('c4', 1.2, 'red'), crit('c5', 1.6, 'red', ['spread', 'roles']), crit('c6', null, null)] }
		]
	};
	it('gives each area its headline, the worst criteria first and the plan by status', () => {
		const s = ownerSummary(results, [
			{ status: 'planned', overdue: true },
			{ status: 'planned', overdue: false },
			{ status: 'in_progress', overdue: false },
			{ status: 'done', overdue: false }
		]);
		expect(s.areas.map((a) => [a.key, a.median, a.rag, a.divergences, a.change])).toEqual([
			['a1', 3.5, 'green', 1, 'up'],
			['a2', 1.5, 'red', 2, null]
		]);
		// Red before amber, more flags first, then the lower median; green without flags and withheld figures never.
		expect(s.priorities.map((p) => p.key)).toEqual(['c5', 'c4', 'c3']);
		expect(s.priorities[0]).toMatchObject({ area: 'A2', divergence: ['spread', 'roles'] });
		expect(s.plan).toEqual({ planned: 2, in_progress: 1, done: 1, overdue: 1, total: 4 });
		expect(ownerSummary(results, []).plan.total).toBe(0);
	});
});

describe.each(testDatabases())('quality on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [contentDir, { only: ['glossary', 'frameworks', 'courses'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string): Promise<string> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school', emailVerifiedAt: sql`now()` })
			.returning({ id: user.id });
		return row!.id;
	}

	/** An organisation led by its owner with `members` as members (written directly: organisations has its own tests). */
	async function organisation(owner: string, members: string[]): Promise<string> {
		const { id } = value(await createOrganisation(db, as(owner), { name: 'Karrieresenteret', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' }));
		if (members.length) await db.insert(membership).values(members.map((userId) => ({ organisationId: id, userId, role: 'member' })));
		return id;
	}

	async function frameworkId(organisationId: string, leader: string): Promise<number> {
		const page = value(await organisationQuality(db, as(leader), organisationId, 'en'));
		const fw = page.frameworks.find((f) => f.title.startsWith('Guidance service self-assessment'));
		expect(fw?.areas.map((a) => a.key)).toEqual(['access-for-all', 'holistic-content', 'coordination-cooperation', 'quality-professionalism']);
		// The quality model is offered too: its seven areas are still placeholders.
		expect(page.frameworks.find((f) => f.areas.length === 7)?.areas.every((a) => a.placeholder)).toBe(true);
		return fw!.versionId;
	}

	async function setUp() {
		const leader = await person('Leader');
		const members = [await person('Ada'), await person('Bo'), await person('Cy'), await person('Di')];
		const org = await organisation(leader, members);
		const framework = await frameworkId(org, leader);
		const input = { framework, title: 'Autumn review', deadline: nextYear, anonymous: true, roles: ['leader', 'member'] as ('leader' | 'member')[], areas: [AREA_1.key, AREA_2.key] };
		const { id: round } = value(await openRound(db, as(leader), org, input, 'en'));
		return { leader, members, org, framework, input, round };
	}

	it('runs a round from opening to results, with an external rater and a divergence flag', async () => {
		const { leader, members, org, round } = await setUp();
		const { token } = value(await addExternalLink(db, as(leader), round, 'Service users'));

		// The home page lists the round for each rater.
		expect(value(await qualityHome(db, as(members[0]!))).toAnswer).toEqual([expect.objectContaining({ roundId: round, saved: 0, areas: 2 })]);
		// A draft (kept as the rater types) keeps the answers but does not count the area as answered.
		value(await saveArea(db, { actor: as(members[0]!), roundId: round }, AREA_1.key, answers(AREA_1.indicators, 2), 'en', { draft: true }));
		expect(Object.values(value(await ratingView(db, { actor: as(members[0]!), roundId: round }, AREA_1.key, 'en')).answers).map((a) => a.value)).toEqual([2, 2, 2, 2]);
		expect(value(await qualityHome(db, as(members[0]!))).toAnswer).toEqual([expect.objectContaining({ saved: 0 })]);

		// Area 1: practitioners split 1/1/4/4 on channel indicators (a wide spread); area 2 even.
		const split = [1, 1, 4, 4];
		for (const [i, m] of members.entries()) {
			const next = value(await saveArea(db, { actor: as(m), roundId: round }, AREA_1.key, answers(AREA_1.indicators, String(split[i])), 'en'));
			expect(next.next).toBe(AREA_2.key);
			value(await saveArea(db, { actor: as(m), roundId: round }, AREA_2.key, answers(AREA_2.indicators, 3), 'en'));
		}
		// The external rater answers by link, without an account.
		const view = value(await ratingView(db, { token }, null, 'en'));
		expect(view).toMatchObject({ external: true, area: { key: AREA_1.key }, round: { organisation: null } });
		value(await saveArea(db, { token }, AREA_1.key, answers(AREA_1.indicators, 2), 'en'));
		// The leader answers one area only: resumable progress.
		value(await saveArea(db, { actor: as(leader), roundId: round }, AREA_1.key, answers(AREA_1.indicators, 3), 'en'));
		expect(value(await ratingView(db, { actor: as(leader), roundId: round }, null, 'en')).area.key).toBe(AREA_2.key);

		// Before close: a member sees their own answers, no results, no one else's counts.
		const mine = value(await ratingView(db, { actor: as(members[0]!), roundId: round }, AREA_1.key, 'en'));
		expect(Object.values(mine.answers).map((a) => a.value)).toEqual([1, 1, 1, 1]);
		const asMember = value(await roundView(db, as(members[0]!), round, 'en'));
		expect(asMember).toMatchObject({ results: null, responses: null, links: null, lead: false });
		// The leader sees response counts per role.
		const asLeader = value(await roundView(db, as(leader), round, 'en'));
		expect(asLeader.responses).toEqual([
			{ role: 'leader', asked: 1, started: 1, finished: 0 },
			{ role: 'practitioner', asked: 4, started: 4, finished: 4 },
			{ role: 'external', asked: 1, started: 1, finished: 0 }
		]);
		expect(asLeader.results).toBeNull();

		// A reminder mails only those who have not finished (here the leader, one area short), with
		// a link back to their answers; a second one the same day is refused; a member cannot send one.
		expect(kind(await remindRaters(db, as(members[0]!), round, 'http://praxis.test'))).toBe('not_found');
		expect(value(await remindRaters(db, as(leader), round, 'http://praxis.test'))).toEqual({ reminded: 1 });
		const [leaderRow] = await db.select({ email: user.email }).from(user).where(eq(user.id, leader));
		const reminders = await db.select().from(mailOutbox).where(sql`${mailOutbox.subject} like 'Reminder:%'`);
		expect(reminders.map((r) => r.toAddress)).toEqual([leaderRow!.email]);
		expect(reminders[0]!.link).toContain(`/quality/rounds/${round}/answer`);
		expect(await remindRaters(db, as(leader), round, 'http://praxis.test')).toMatchObject({ ok: false, problem: { kind: 'rate_limited', key: 'quality_error_reminded' } });

		expect(kind(await closeRound(db, as(members[0]!), round))).toBe('not_found');
		value(await closeRound(db, as(leader), round));

		const closed = value(await roundView(db, as(members[1]!), round, 'en'));
		const area1 = closed.results!.areas.find((a) => a.key === AREA_1.key)!;
		expect(area1.n).toBe(6);
		expect(area1.divergence).toContain('spread');
		// One leader, one external rater: never broken down.
		expect(area1.byRole.filter((r) => r.median !== null).map((r) => r.role)).toEqual(['practitioner']);
		const area2 = closed.results!.areas.find((a) => a.key === AREA_2.key)!;
		expect(area2).toMatchObject({ n: 4, median: 3, divergence: [], rag: 'green' });

		// Answers after close, and the link after close: refused, nothing changed.
		expect(await saveArea(db, { actor: as(members[0]!), roundId: round }, AREA_1.key, answers(AREA_1.indicators, 4), 'en')).toMatchObject({ ok: false, problem: { kind: 'conflict', key: 'quality_error_closed' } });
		expect(await saveArea(db, { token }, AREA_1.key, answers(AREA_1.indicators, 4), 'en')).toMatchObject({ ok: false, problem: { kind: 'conflict', key: 'quality_error_link_closed' } });
		expect(await ratingView(db, { token }, null, 'en')).toMatchObject({ ok: false, problem: { kind: 'conflict' } });
		expect(value(await ratingView(db, { actor: as(members[0]!), roundId: round }, AREA_1.key, 'en')).answers['reach-known-groups']!.value).toBe(1);

		// The anonymised export: numbered raters, no names, the roles of small groups left out.
		const csv = value(await anonymisedAnswers(db, as(leader), round, 'en'));
		expect(csv.rows.length).toBe(4 * 4 + 4 * 4 + 4 + 4);
		expect(new Set(csv.rows.map((r) => r.role))).toEqual(new Set(['practitioner', '']));
		expect(JSON.stringify(csv.rows)).not.toMatch(/Ada|Leader|Service users/);
		expect(kind(await anonymisedAnswers(db, as(members[0]!), round, 'en'))).toBe('not_found');

		// Copy last round, then compare with it.
		const page = value(await organisationQuality(db, as(leader), org, 'en'));
		expect(page.last).toMatchObject({ title: 'Autumn review', roles: ['leader', 'member'], areas: [AREA_1.key, AREA_2.key] });
		const { id: second } = value(await openRound(db, as(leader), org, { ...page.last!, title: 'Spring review', deadline: nextYear }, 'en'));
		for (const m of members) value(await saveArea(db, { actor: as(m), roundId: second }, AREA_2.key, answers(AREA_2.indicators, 4), 'en'));
		value(await closeRound(db, as(leader), second));
		const compared = value(await roundView(db, as(leader), second, 'en'));
		expect(compared.previous?.id).toBe(round);
		expect(compared.results!.areas.find((a) => a.key === AREA_2.key)).toMatchObject({ median: 4, previousMedian: 3, change: 'up' });
		// The trend lists every closed round so far, oldest first, with each area's median.
		const i2 = compared.areas.findIndex((a) => a.key === AREA_2.key);
		expect(compared.trend?.map((r) => [r.title, r.medians[i2]])).toEqual([
			['Autumn review', 3],
			['Spring review', 4]
		]);
		expect(closed.trend).toBeNull();

		// The PDF report: the same policy as the report page, the reader's language, a table per area and the plan.
		value(await addAction(db, as(leader), org, { roundId: second, criterionKey: null, goal: 'Faster replies', title: 'Answer chats within a day', ownerId: members[0]!, deadline: null, notes: '', training: null }));
		const report = value(await roundReport(db, as(members[2]!), second, 'nb'));
		const content = reportContent(report, 'nb');
		expect(content.title).toBe('Rapport: Spring review');
		expect(content.sections.map((x) => x.heading)).toEqual(['Resultater', 'Utviklingsplan']);
		const area2Table = content.sections[0]!.tables.find((t) => t.heading.endsWith(report.areas.find((a) => a.key === AREA_2.key)!.title))!;
		expect(area2Table.columns[2]!.label).toBe('Median');
		expect(area2Table.rows[0]!.cells.slice(1, 3)).toEqual(['4', '4']);
		expect(area2Table.rows[0]!.cells[6]).toMatch(/^↑ /);
		expect(area2Table.rows).toHaveLength(1 + report.areas.find((a) => a.key === AREA_2.key)!.criteria.length);
		expect(content.sections[1]!.tables[0]!.rows[0]!.cells).toEqual(['Answer chats within a day', 'Faster replies', 'Ada', '–', 'Planlagt']);
		const pdf = await roundReportPdf(report, 'nb');
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.toString('latin1')).toMatch(/\/Lang \(nb\)/);
		expect(pdf.length).toBeGreaterThan(5000);

		// The one-page summary: each area's headline against the previous round, for members too.
		const summary = value(await roundSummary(db, as(members[1]!), second, 'en'));
		expect(summary.summary.areas.find((a) => a.key === AREA_2.key)).toMatchObject({ median: 4, change: 'up', previousMedian: 3, rag: 'green', divergences: 0 });
		expect(kind(await roundSummary(db, as(await person('Nobody')), second, 'en'))).toBe('not_found');

		// A closed round keeps its figures: its page and the next round's arrows no longer read the answers.
		await db.execute(sql`delete from quality_answer where rater_id in (select id from quality_rater where round_id = ${round})`);
		expect(value(await roundView(db, as(members[1]!), round, 'en')).results).toEqual(closed.results);
		expect(value(await roundView(db, as(leader), second, 'en')).results).toEqual(compared.results);
	});

	it('shows a round opened with live results to its leaders only, from the answers so far', async () => {
		const { leader, members, org, input } = await setUp();
		const { id: live } = value(await openRound(db, as(leader), org, { ...input, title: 'Live review', liveResults: true }, 'en'));
		// Two respondents: the leader sees the live section, but nothing broken down (fewer than three).
		for (const m of members.slice(0, 2)) value(await saveArea(db, { actor: as(m), roundId: live }, AREA_2.key, answers(AREA_2.indicators, 2), 'en'));
		const early = value(await roundView(db, as(leader), live, 'en'));
		expect(early.round).toMatchObject({ status: 'open', liveResults: true });
		expect(early.results).toMatchObject({ respondents: 2, hidden: true });
		expect(early.results!.areas.find((a) => a.key === AREA_2.key)).toMatchObject({ n: 2, median: null, rag: null });
		// A third answers: the figures follow the answers at once, nothing kept until close.
		value(await saveArea(db, { actor: as(members[2]!), roundId: live }, AREA_2.key, answers(AREA_2.indicators, 4), 'en'));
		const later = value(await roundView(db, as(leader), live, 'en'));
		expect(later.results).toMatchObject({ respondents: 3, hidden: false });
		expect(later.results!.areas.find((a) => a.key === AREA_2.key)).toMatchObject({ n: 3, median: 2, distribution: [0, 8, 0, 4] });
		expect((await db.select({ results: qualityRound.results }).from(qualityRound).where(eq(qualityRound.id, live)))[0]!.results).toBeNull();
		// Raters (members) still see no results and nobody's answers but their own.
		expect(value(await roundView(db, as(members[0]!), live, 'en')).results).toBeNull();
		expect(value(await ratingView(db, { actor: as(members[3]!), roundId: live }, AREA_2.key, 'en')).answers).toEqual({});
		// The report and the export wait for the close.
		expect(kind(await roundReport(db, as(leader), live, 'en'))).toBe('not_found');
		expect(kind(await anonymisedAnswers(db, as(leader), live, 'en'))).toBe('not_found');
		expect(kind(await roundSummary(db, as(leader), live, 'en'))).toBe('not_found');
		// Copying the round copies the choice.
		expect(value(await organisationQuality(db, as(leader), org, 'en')).last).toMatchObject({ title: 'Live review', liveResults: true });
		// A round opened without it: no results for the leader either until it closes.
		const { id: plain } = value(await openRound(db, as(leader), org, { ...input, title: 'Plain review' }, 'en'));
		for (const m of members.slice(0, 3)) value(await saveArea(db, { actor: as(m), roundId: plain }, AREA_2.key, answers(AREA_2.indicators, 3), 'en'));
		expect(value(await roundView(db, as(leader), plain, 'en')).results).toBeNull();
	});

	it('contributes to the sector benchmark only when opted in, and shows it only over five organisations', async () => {
		const { leader, members, org, framework, round } = await setUp();
		// Only the organisation's leaders decide; a stranger learns nothing.
		expect(await setBenchmark(db, as(members[0]!), org, true, { ip: '203.0.113.9' })).toMatchObject({ ok: false, problem: { kind: 'forbidden', key: 'quality_error_benchmark_leader' } });
		expect(kind(await setBenchmark(db, as(await person('Stranger')), org, true, { ip: '203.0.113.9' }))).toBe('not_found');
		expect(value(await organisationQuality(db, as(members[0]!), org, 'en')).benchmark).toEqual({ optedIn: false, may: false, sector: 'adult_centre' });
		value(await setBenchmark(db, as(leader), org, true, { ip: '203.0.113.9' }));
		expect(value(await organisationQuality(db, as(leader), org, 'en')).benchmark).toEqual({ optedIn: true, may: true, sector: 'adult_centre' });
		const logged = await db.select().from(auditEvent).where(eq(auditEvent.event, 'quality_benchmark_changed'));
		expect(logged.map((e) => [e.actorId, e.detail])).toEqual([[leader, { organisationId: org, optedIn: true }]]);

		// The round closes: its area medians (2.5 and 3) go to the benchmark, nothing else.
		for (const [i, m] of members.entries()) {
			value(await saveArea(db, { actor: as(m), roundId: round }, AREA_1.key, answers(AREA_1.indicators, [1, 1, 4, 4][i]!), 'en'));
			value(await saveArea(db, { actor: as(m), roundId: round }, AREA_2.key, answers(AREA_2.indicators, 3), 'en'));
		}
		value(await closeRound(db, as(leader), round));
		const mine = await db.select().from(qualityBenchmarkContribution);
		expect(mine.map((c) => [c.roundId, c.sector, c.medians])).toEqual([[round, 'adult_centre', { [AREA_1.key]: 2.5, [AREA_2.key]: 3 }]]);
		expect(value(await roundView(db, as(members[0]!), round, 'en')).benchmark).toEqual({ sector: 'adult_centre', contributors: 1, shown: false, min: 5, areas: [] });

		// Other organisations with closed rounds: those of the sector that opt in count (their earlier
		// rounds are contributed when they join; only the latest counts); a school does not.
		const closedRound = async (organisationId: string, medians: Record<string, number>, closedAt: string) => {
			const figures = Object.fromEntries(Object.entries(medians).map(([k, median]) => [`area:${k}`, { median }]));
			await db.insert(qualityRound).values({ organisationId, frameworkVersionId: framework, title: 't', deadline: nextYear, areaKeys: Object.keys(medians), status: 'closed', closedAt: new Date(closedAt), results: { raters: 3, respondents: 3, figures } as unknown as StoredResults });
		};
		const others: { owner: string; org: string }[] = [];
		for (const [i, area2] of [1, 2, 2, 4].entries()) {
			const owner = await person(`Owner${i}`);
			const id = await organisation(owner, []);
			await closedRound(id, { [AREA_2.key]: 1 }, '2024-01-01');
			await closedRound(id, i < 2 ? { [AREA_1.key]: 3, [AREA_2.key]: area2 } : { [AREA_2.key]: area2 }, '2025-01-01');
			others.push({ owner, org: id });
		}
		const schoolOwner = await person('School');
		const school = value(await createOrganisation(db, as(schoolOwner), { name: 'School', sector: 'school', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' })).id;
		await closedRound(school, { [AREA_2.key]: 4 }, '2025-01-01');
		value(await setBenchmark(db, as(schoolOwner), school, true, { ip: '203.0.113.9' }));
		for (const o of others.slice(0, 3)) expect(value(await setBenchmark(db, as(o.owner), o.org, true, { ip: '203.0.113.9' })).contributed).toBe(2);
		expect(value(await roundView(db, as(leader), round, 'en')).benchmark).toMatchObject({ contributors: 4, shown: false, areas: [] });

		// The fifth: shown. Area 2: medians 3 (ours), 1, 2, 2, 4 → 2; area 1 has only three organisations' figures: withheld.
		value(await setBenchmark(db, as(others[3]!.owner), others[3]!.org, true, { ip: '203.0.113.9' }));
		const shown = value(await roundView(db, as(members[1]!), round, 'en')).benchmark!;
		expect(shown).toMatchObject({ contributors: 5, shown: true });
		expect(shown.areas.map((a) => [a.key, a.ours, a.sector, a.organisations])).toEqual([
			[AREA_1.key, 2.5, null, 3],
			[AREA_2.key, 3, 2, 5]
		]);

		// One leaves: its figures are withdrawn and the benchmark is hidden again.
		value(await setBenchmark(db, as(others[0]!.owner), others[0]!.org, false, { ip: '203.0.113.9' }));
		expect(await db.select().from(qualityBenchmarkContribution).where(eq(qualityBenchmarkContribution.organisationId, others[0]!.org))).toEqual([]);
		expect(value(await roundView(db, as(leader), round, 'en')).benchmark).toMatchObject({ contributors: 4, shown: false, areas: [] });
	});

	it('refuses out-of-range values and unknown indicators, saving nothing', async () => {
		const { members, round } = await setUp();
		const who = { actor: as(members[0]!), roundId: round };
		for (const bad of ['5', '0', '-1', '2.5', 'x', '99999']) {
			const result = await saveArea(db, who, AREA_1.key, answers(AREA_1.indicators, (key) => (key === 'channels-modes' ? bad : '3')), 'en');
			expect(result, bad).toMatchObject({ ok: false, problem: { kind: 'invalid', field: 'value:channels-modes', key: 'quality_error_value' } });
		}
		expect(await saveArea(db, who, AREA_1.key, { ...answers(AREA_1.indicators, 3), 'lmi-current': { value: '3', evidence: '', comment: '' } }, 'en')).toMatchObject({
			ok: false,
			problem: { kind: 'invalid' }
		});
		expect(await saveArea(db, who, AREA_1.key, answers(AREA_1.indicators, (key) => (key === 'reach-outreach' ? '3' : '2')) as AreaAnswers, 'en')).toMatchObject({ ok: true });
		expect(await saveArea(db, who, 'coordination-cooperation', {}, 'en')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		const long = answers(AREA_1.indicators, 3);
		long['reach-outreach']!.evidence = 'x'.repeat(2001);
		expect(await saveArea(db, who, AREA_1.key, long, 'en')).toMatchObject({ ok: false, problem: { kind: 'invalid', key: 'error_too_long' } });
		// Only the one good save is there.
		const stored = await db.select().from(qualityAnswer);
		expect(stored.map((a) => a.value).sort()).toEqual([2, 2, 2, 3]);
	});

	it('keeps rounds, answers and links to their own people and round', async () => {
		const { leader, members, org, input, round } = await setUp();
		const stranger = await person('Stranger');
		const otherOrg = await organisation(stranger, []);
		const { id: otherRound } = value(await openRound(db, as(stranger), otherOrg, { ...input, roles: ['leader'] }, 'en'));
		const { token } = value(await addExternalLink(db, as(leader), round, 'Partner'));

		// Another organisation's leader: refused everything, as if nothing existed.
		expect(kind(await organisationQuality(db, as(stranger), org, 'en'))).toBe('not_found');
		expect(kind(await openRound(db, as(stranger), org, input, 'en'))).toBe('not_found');
		expect(kind(await roundView(db, as(stranger), round, 'en'))).toBe('not_found');
		expect(kind(await addExternalLink(db, as(stranger), round, 'x'))).toBe('not_found');
		expect(kind(await closeRound(db, as(stranger), round))).toBe('not_found');
		expect(kind(await ratingView(db, { actor: as(stranger), roundId: round }, null, 'en'))).toBe('not_found');
		expect(kind(await saveArea(db, { actor: as(stranger), roundId: round }, AREA_1.key, answers(AREA_1.indicators, 3), 'en'))).toBe('not_found');
		expect(kind(await addAction(db, as(stranger), org, { roundId: round, criterionKey: null, goal: 'g', title: 't', ownerId: null, deadline: null, notes: '', training: null }))).toBe('not_found');

		// A member cannot lead, and is not a rater of a round they were not asked to.
		expect(kind(await openRound(db, as(members[0]!), org, input, 'en'))).toBe('not_found');
		expect(kind(await addExternalLink(db, as(members[0]!), round, 'x'))).toBe('not_found');
		expect(kind(await saveArea(db, { actor: as(members[0]!), roundId: otherRound }, AREA_1.key, answers(AREA_1.indicators, 3), 'en'))).toBe('not_found');

		// A member never reads another's answers: their own view holds only their rows.
		value(await saveArea(db, { actor: as(members[1]!), roundId: round }, AREA_1.key, answers(AREA_1.indicators, 4), 'en'));
		expect(value(await ratingView(db, { actor: as(members[0]!), roundId: round }, AREA_1.key, 'en')).answers).toEqual({});

		// The link reaches its own round only, whatever else is asked for.
		const linked = value(await saveArea(db, { token }, AREA_1.key, answers(AREA_1.indicators, 2), 'en'));
		expect(linked.roundId).toBe(round);
		const [external] = await db.select().from(qualityRater).where(eq(qualityRater.role, 'external'));
		expect(external!.roundId).toBe(round);
		expect(kind(await ratingView(db, { token: 'a'.repeat(27) }, null, 'en'))).toBe('not_found');
		expect(kind(await ratingView(db, { token: '../../etc' }, null, 'en'))).toBe('not_found');

		// Forged ids: not found, never an error.
		for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', otherRound]) {
			expect(kind(await roundView(db, as(leader), id, 'en'))).toBe('not_found');
			expect(kind(await closeRound(db, as(leader), id))).toBe('not_found');
		}

		// Bad set-ups.
		expect(await openRound(db, as(leader), org, { ...input, areas: ['nope'] }, 'en')).toMatchObject({ ok: false, problem: { field: 'areas' } });
		expect(await openRound(db, as(leader), org, { ...input, framework: 999999 }, 'en')).toMatchObject({ ok: false, problem: { field: 'framework' } });
		expect(await openRound(db, as(leader), org, { ...input, deadline: '2001-01-01' }, 'en')).toMatchObject({ ok: false, problem: { field: 'deadline' } });
	});

	it('keeps a development plan that members follow and owners update', async () => {
		const { leader, members, org, round } = await setUp();
		const { id } = value(
			await addAction(db, as(leader), org, {
				roundId: round,
				criterionKey: 'channels',
				goal: 'Reach people online',
				title: 'Train the team in chat guidance',
				ownerId: members[0]!,
				deadline: '2001-01-01',
				notes: '',
				training: 'basics/first/welcome'
			})
		);
		expect(await addAction(db, as(leader), org, { roundId: null, criterionKey: null, goal: 'g', title: 't', ownerId: await person('Outsider'), deadline: null, notes: '', training: null })).toMatchObject({
			ok: false,
			problem: { field: 'owner' }
		});
		expect(await addAction(db, as(leader), org, { roundId: null, criterionKey: null, goal: 'g', title: 't', ownerId: null, deadline: null, notes: '', training: 'basics/first/nope' })).toMatchObject({
			ok: false,
			problem: { field: 'training' }
		});
		const plan = value(await organisationQuality(db, as(members[1]!), org, 'en')).actions;
		expect(plan).toEqual([expect.objectContaining({ id, overdue: true, status: 'planned', courseSlug: 'basics', lessonRef: 'first/welcome' })]);
		expect(kind(await updateAction(db, as(members[1]!), org, id, { status: 'done', notes: '' }))).toBe('forbidden');
		value(await updateAction(db, as(members[0]!), org, id, { status: 'done', notes: 'Done in March' }));
		expect(value(await organisationQuality(db, as(leader), org, 'en')).actions[0]).toMatchObject({ status: 'done', overdue: false, notes: 'Done in March' });

		// Staff uptake of the linked training, counts only: Ada completed the lesson, Bo opened it, a
		// stranger's progress does not count; the whole course: Ada finished, Cy enrolled.
		value(await addAction(db, as(leader), org, { roundId: null, criterionKey: null, goal: 'Know the basics', title: 'Everyone takes the course', ownerId: null, deadline: null, notes: '', training: 'basics' }));
		const outsider = await person('Outsider2');
		const [welcome] = await queryRows<{ id: number; course_id: number }>(
			db,
			sql`select l.id, l.course_id from lesson l join course_module cm on cm.id = l.module_id join course c on c.id = l.course_id where c.slug = 'basics' and cm.key = 'first' and l.key = 'welcome'`
		);
		await db.execute(sql`insert into lesson_progress (user_id, lesson_id, course_id, completed_at) values
			(${members[0]!}, ${welcome!.id}, ${welcome!.course_id}, now()), (${members[1]!}, ${welcome!.id}, ${welcome!.course_id}, null), (${outsider}, ${welcome!.id}, ${welcome!.course_id}, now())`);
		await db.execute(sql`insert into enrolment (user_id, course_id, completed_at) values
			(${members[0]!}, ${welcome!.course_id}, now()), (${members[2]!}, ${welcome!.course_id}, null), (${outsider}, ${welcome!.course_id}, now())`);
		const withUptake = value(await organisationQuality(db, as(members[3]!), org, 'en'));
		expect(withUptake.uptake).toEqual({
			members: 5,
			byTraining: { 'basics/first/welcome': { started: 2, completed: 1 }, basics: { started: 2, completed: 1 } },
			byResource: {}
		});
		expect(JSON.stringify(withUptake.uptake)).not.toMatch(/Ada|Bo|[0-9a-f]{8}-/);
		// An organisation of two: no counts at all.
		const small = await organisation(await person('Solo'), [outsider]);
		expect(value(await organisationQuality(db, as(outsider), small, 'en')).uptake).toBeNull();
	});

	it('exports a rater’s answers and keeps them anonymously when the account goes', async () => {
		const { leader, members, round } = await setUp();
		value(await saveArea(db, { actor: as(members[0]!), roundId: round }, AREA_1.key, answers(AREA_1.indicators, 3), 'en'));
		const exported = value(await exportMyData(db, as(members[0]!), '203.0.113.1')) as { quality: { answers: unknown[] } };
		expect(exported.quality.answers).toHaveLength(4);
		// What account deletion does: each part's erase, then the user row (with its cascades).
		for (const id of [members[0]!, leader]) {
			await QUALITY_DATA[0]!.erase!(db, { id, addresses: [] });
			await db.delete(membership).where(eq(membership.userId, id));
			await db.delete(user).where(eq(user.id, id));
		}
		const rows = await db.select().from(qualityRater).where(eq(qualityRater.roundId, round));
		expect(rows.filter((r) => r.userId === members[0] || r.userId === leader)).toEqual([]);
		expect((await db.select().from(qualityRound)).map((r) => r.createdBy)).toEqual([null]);
		// The answers stay, as an anonymous rater's.
		expect((await db.select().from(qualityAnswer)).length).toBe(4);
		expect((await db.select().from(qualityRaterArea)).length).toBe(1);
	});
});

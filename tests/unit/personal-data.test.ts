// Account deletion, checked the way a privacy auditor would: a person leaves traces in every
// capability (an address change, an organisation they founded and handed over, invitations to and
// from them, learning, a cohort they ran), deletes their account, and then every text, uuid and
// json column of every table is searched for their addresses, their name and their id.
import fs from 'node:fs';
import { proposeTerm } from '../../src/lib/server/glossary/proposals.ts';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmEmailChange, requestEmailChange, signUp } from '../../src/lib/server/accounts/service.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import { getCourseOutline, getLesson } from '../../src/lib/server/learn/catalogue/index.ts';
import { createCohort, inviteToCohort } from '../../src/lib/server/learn/cohorts/index.ts';
import { enrol, saveReflection } from '../../src/lib/server/learn/progress/index.ts';
import { acceptInvitation, createOrganisation, invite, transferOwnership } from '../../src/lib/server/organisations/service.ts';
import { deleteAccount, exportMyData } from '../../src/lib/server/platform/personal-data.ts';
import { saveArea, shareAssessment, startAssessment } from '../../src/lib/server/competence/index.ts';
import { addEvidence, createEntry, updateSettings } from '../../src/lib/server/cpd/index.ts';
import { addAction, openRound, organisationQuality, saveArea as saveRatedArea } from '../../src/lib/server/quality/service.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { writeTestCourse } from '../helpers/course.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { findTraces } from '../helpers/scan.ts';

const PASSWORD = 'a long enough passphrase';
const ctx = { ip: '203.0.113.9', origin: 'http://localhost:3000', device: 'Firefox · Linux', locale: 'en' as const };
const as = (id: string, role = 'member'): Actor => ({ id, role, emailVerified: true, totpEnabled: false, secondFactorVerified: false });

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}

// The security log keeps its events for everyone's security, without IP addresses or details; the
// id left there points to nobody (README, "Accounts, roles and privacy").
const KEPT_BY_DESIGN = ['audit_event.actor_id', 'audit_event.subject_id'];

describe.each(testDatabases())('personal data on $name', ({ open }) => {
	let database: Database;
	let contentDir: string;
	beforeEach(async () => {
		database = await open();
		contentDir = writeTestCourse();
		// The competence standards, for a self-assessment.
		fs.mkdirSync(`${contentDir}/frameworks`, { recursive: true });
		fs.copyFileSync('content/frameworks/competence-standards.yaml', `${contentDir}/frameworks/competence-standards.yaml`);
		// An assessment framework, for a quality round.
		fs.copyFileSync('content/frameworks/guidance-service-self-assessment.yaml', `${contentDir}/frameworks/guidance-service-self-assessment.yaml`);
		await seedContent(database, [contentDir]);
	});
	afterEach(async () => {
		await database.close();
		fs.rmSync(contentDir, { recursive: true, force: true });
	});

	async function lastLinkTo(address: string, path: string): Promise<string> {
		const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).orderBy(mailOutbox.id);
		const token = mails.at(-1)?.link?.match(new RegExp(`/${path}/([\\w-]+)`))?.[1];
		if (!token) throw new Error(`no ${path} link to ${address}`);
		return token;
	}

	async function signUpAs(displayName: string, email: string): Promise<string> {
		expect(await signUp(database.db, { displayName, email, password: PASSWORD, locale: 'nb', country: 'NO', sector: 'school' }, ctx)).toBe('ok');
		const [row] = await database.db.select({ id: user.id }).from(user).where(eq(user.email, email));
		return row!.id;
	}

	it('deleting an account leaves no trace of its addresses, name or id in any table', async () => {
		const db = database.db;
		const olaug = await signUpAs('Olaug Testesen', 'olaug@example.org');
		const bo = await signUpAs('Bo Berg', 'bo@example.org');

		// A new address: mails to the old one stay in the outbox.
		expect(await requestEmailChange(db, as(olaug), 'olaug.new@example.org', PASSWORD, ctx)).toEqual({ ok: true, value: null });
		expect(await confirmEmailChange(db, await lastLinkTo('olaug.new@example.org', 'confirm-email'), ctx.ip)).toBe(true);

		// She founds an organisation, invites Bo (her name is in his mail), and hands it over to him.
		const centre = value(await createOrganisation(db, as(olaug), { name: 'Karrieresenteret', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, ctx));
		value(await invite(db, as(olaug), centre.id, { email: 'bo@example.org', role: 'member' }, ctx));
		value(await acceptInvitation(db, as(bo), await lastLinkTo('bo@example.org', 'invitations'), ctx));
		// She opens a quality round, rates in it, and owns an action of the plan.
		const framework = value(await organisationQuality(db, as(olaug), centre.id, 'en')).frameworks[0]!;
		const round = value(await openRound(db, as(olaug), centre.id, { framework: framework.versionId, title: 'Autumn', deadline: '2099-01-01', anonymous: true, roles: ['leader', 'member'], areas: [framework.areas[0]!.key] }, 'en'));
		value(await saveRatedArea(db, { actor: as(olaug), roundId: round.id }, framework.areas[0]!.key, {}, 'en'));
		value(await addAction(db, as(olaug), centre.id, { roundId: round.id, criterionKey: null, goal: 'Reach more adults', title: 'Outreach', ownerId: olaug, deadline: null, notes: '', training: null }));
		value(await transferOwnership(db, as(olaug), centre.id, bo, ctx));
		// Bo invites her old address elsewhere; it is still pending.
		const other = value(await createOrganisation(db, as(bo), { name: 'Skolen', sector: 'school', country: 'NO', languages: ['nb'], description: '' }, ctx));
		value(await invite(db, as(bo), other.id, { email: 'olaug@example.org', role: 'member' }, ctx));

		// She learns, and runs a cohort to which she invites someone.
		const outline = (await getCourseOutline(db, 'basics', 'en'))!;
		value(await enrol(db, as(olaug), ctx, outline));
		const think = (await getLesson(db, outline, 'think', 'en', { localize: (p: string) => p, calloutLabel: (k: string) => k }))!.ref;
		value(await saveReflection(db, as(olaug), ctx, think, 'reflect', 'What I learnt, in private.', 'Prompt', 'Reflect'));
		await db.update(user).set({ role: 'facilitator' }).where(eq(user.id, olaug));
		const facilitator = as(olaug, 'facilitator');
		const cohort = value(await createCohort(db, facilitator, { courseId: outline.id, name: 'Våren', startsOn: null, endsOn: null }));
		value(await inviteToCohort(db, facilitator, { id: cohort.id, name: 'Våren', courseTitle: outline.title, facilitatorId: olaug }, ['dan@example.org'], { origin: ctx.origin, locale: 'en' }));

		// She assesses herself (a note naming herself), shares it with Bo's centre, and keeps a CPD log.
		const assessment = value(await startAssessment(db, as(olaug), { fromLast: false }));
		value(await saveArea(db, as(olaug), assessment.id, { areaKey: 'area-1', answers: { 'area-1-knowledge-1': '3' }, note: 'Olaug Testesen, supervision log', done: false }, 'en'));
		value(await shareAssessment(db, as(olaug), assessment.id, centre.id, ctx));
		const cpdEntryId = value(await createEntry(db, as(olaug), { title: 'Olaug Testesen at the CDI conference', type: 'conference', startsOn: '2026-04-01', endsOn: null, hours: 6, provider: 'CDI', competenceAreas: ['area-1'], reflection: 'What I learnt.' })).id;
		// An evidence file named after her: its row (owner, name) must go with the account.
		value(await addEvidence(db, as(olaug), cpdEntryId, { name: 'Olaug Testesen certificate.pdf', data: new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') }));
		value(await updateSettings(db, as(olaug), { targetHours: 30, yearStartMonth: 9 }));
		// She proposes a glossary term, signed with her name; it is still waiting for an editor.
		value(await proposeTerm(db, as(olaug), { term: 'Karriereskifte', definition: 'Forslag fra Olaug Testesen.', source: 'Olaug Testesen (2026)', link: null }, 'nb'));

		const needles = ['olaug@example.org', 'olaug.new@example.org', 'Olaug Testesen', olaug];
		// Her export has what the platform holds, the old address's mails included.
		const exported = value(await exportMyData(db, facilitator, ctx.ip)) as { mails: { to: string }[] };
		expect(new Set(exported.mails.map((m) => m.to))).toEqual(new Set(['olaug@example.org', 'olaug.new@example.org', 'bo@example.org', 'dan@example.org']));
		const before = await findTraces(db, needles, KEPT_BY_DESIGN);
		expect(before.map((t) => t.table)).toEqual(expect.arrayContaining(['app_user', 'mail_outbox', 'invitation', 'cohort', 'journal_entry', 'competence_assessment', 'competence_area_state', 'competence_share', 'cpd_entry', 'cpd_settings', 'stored_file', 'quality_round', 'quality_rater', 'quality_action', 'glossary_proposal']));

		expect(await deleteAccount(db, facilitator, PASSWORD)).toEqual({ ok: true, value: null });
		expect(await findTraces(db, needles, KEPT_BY_DESIGN)).toEqual([]);
		// Bo's own data stays.
		expect(await findTraces(db, ['bo@example.org', 'Bo Berg'])).not.toEqual([]);
		// Traces in every capability (self-assessment and CPD included) take more than the default 30 s on a busy machine.
	}, 120_000);
});

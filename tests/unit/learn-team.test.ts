// Due dates per module in a cohort, and an organisation's course progress by consent, on both engines.
// Due dates: only the facilitator sets them (for modules of
// the cohort's course), members see them, and the reminder goes once, in the member's language, to
// each verified member who has not completed a module due within three days.
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { cohort, cohortMember, course, courseModule, enrolment, moduleCompletion } from '../../src/lib/server/db/schema/learn.ts';
import { membership, organisation } from '../../src/lib/server/db/schema/organisations.ts';
import { auditEvent } from '../../src/lib/server/db/schema/platform.ts';
import { setLearningShare, teamLearning } from '../../src/lib/server/learn/progress/index.ts';
import { mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import { cohortDueDates, myDueDates, sendDueReminders, setDueDates } from '../../src/lib/server/learn/cohorts/index.ts';
import { formatDate } from '../../src/lib/i18n/format.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { member as as } from '../helpers/actors.ts';
import { writeTestCourse } from '../helpers/course.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(testDatabases())('cohort due dates on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [writeTestCourse()]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string, locale = 'en', verified = true): Promise<string> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale, country: 'NO', sector: 'school', emailVerifiedAt: verified ? sql`now()` : null })
			.returning({ id: user.id });
		return row!.id;
	}

	it('lets the facilitator set due dates, shows them to members, and reminds those behind once', async () => {
		const [basics] = await db.select().from(course).where(eq(course.slug, 'basics'));
		const modules = await db.select().from(courseModule).where(eq(courseModule.courseId, basics!.id)).orderBy(courseModule.position);
		const [first, second] = modules;
		const fac = await person('Fac');
		const ana = await person('Ana', 'nb');
		const bo = await person('Bo');
		const cy = await person('Cy', 'en', false);
		const [c] = await db.insert(cohort).values({ courseId: basics!.id, name: 'Spring group', joinCode: 'TEST-DUE1', facilitatorId: fac }).returning();
		await db.insert(cohortMember).values([ana, bo, cy].map((userId) => ({ cohortId: c!.id, userId })));

		const dates = new Map<number, string | null>([
			[first!.id, inDays(2)],
			[second!.id, inDays(10)]
		]);
		expect(await setDueDates(db, as(ana), c!.id, dates)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await setDueDates(db, as(fac), c!.id, new Map([[999_999, inDays(1)]]))).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
		value(await setDueDates(db, as(fac), c!.id, dates));
		expect([...value(await cohortDueDates(db, as(fac), c!.id))]).toEqual([
			[first!.id, inDays(2)],
			[second!.id, inDays(10)]
		]);
		expect(await cohortDueDates(db, as(bo), c!.id)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await myDueDates(db, as(ana), basics!.id)).toEqual([
			{ moduleId: first!.id, dueOn: inDays(2), cohort: 'Spring group' },
			{ moduleId: second!.id, dueOn: inDays(10), cohort: 'Spring group' }
		]);
		expect(await myDueDates(db, as(fac), basics!.id)).toEqual([]);

		// Bo has completed the first module; Cy never confirmed an address; the second module is not near.
		await db.insert(moduleCompletion).values({ userId: bo, moduleId: first!.id, courseId: basics!.id, hours: 2 });
		expect(await sendDueReminders(db)).toBe(1);
		expect(await sendDueReminders(db)).toBe(0);
		const mails = await db.select().from(mailOutbox).orderBy(mailOutbox.id);
		expect(mails.map((m) => m.toAddress)).toEqual(['ana@example.org']);
		expect(mails[0]!.subject).toBe(`Frist for «First module» er ${formatDate(inDays(2), 'nb')}`);
		expect(mails[0]!.text).toContain('i kullet Spring group');
		expect(mails[0]!.link).toMatch(/\/nb\/learn\/basics\/first$/);

		// Clearing a date takes it away.
		value(await setDueDates(db, as(fac), c!.id, new Map([[second!.id, null]])));
		expect((await myDueDates(db, as(ana), basics!.id)).map((d) => d.moduleId)).toEqual([first!.id]);
	});
});

describe.each(testDatabases())('an organisation’s course progress on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [writeTestCourse()]);
	});
	afterEach(async () => {
		await database.close();
	});

	it('counts only members who share, shows leaders nothing under three, and never to a stranger', async () => {
		const [basics] = await db.select().from(course).where(eq(course.slug, 'basics'));
		const people: string[] = [];
		for (const name of ['Lea', 'Ana', 'Bo', 'Cy', 'Di', 'Out']) {
			const [row] = await db.insert(user).values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school' }).returning({ id: user.id });
			people.push(row!.id);
		}
		const [lea, ana, bo, cy, di, outsider] = people as [string, string, string, string, string, string];
		const [org] = await db.insert(organisation).values({ name: 'Karrieresenteret', sector: 'adult_centre', country: 'NO' }).returning({ id: organisation.id });
		await db.insert(membership).values([
			{ organisationId: org!.id, userId: lea, role: 'leader' },
			...[ana, bo, cy, di].map((userId) => ({ organisationId: org!.id, userId, role: 'member' }))
		]);
		await db.insert(enrolment).values([ana, bo, cy, di].map((userId, i) => ({ userId, courseId: basics!.id, completedAt: i < 2 ? sql`now()` : null })));
		const ctx = { ip: '203.0.113.5' };

		expect(await teamLearning(db, as(outsider), org!.id, 'en')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await setLearningShare(db, as(outsider), org!.id, true, ctx)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		for (const id of [ana, bo]) value(await setLearningShare(db, as(id), org!.id, true, ctx));
		expect(value(await teamLearning(db, as(lea), org!.id, 'en'))).toMatchObject({ shared: 2, courses: null });
		value(await setLearningShare(db, as(cy), org!.id, true, ctx));
		// Di does not share: her enrolment is not counted.
		expect(value(await teamLearning(db, as(lea), org!.id, 'en'))).toMatchObject({ shared: 3, courses: [{ slug: 'basics', title: 'Basics', enrolled: 3, completed: 2 }] });
		// A member sees their own choice, never the counts.
		expect(value(await teamLearning(db, as(di), org!.id, 'en'))).toMatchObject({ sharing: false, courses: null });
		value(await setLearningShare(db, as(ana), org!.id, false, ctx));
		expect(value(await teamLearning(db, as(lea), org!.id, 'en'))).toMatchObject({ shared: 2, courses: null });
		const events = await db.select({ event: auditEvent.event }).from(auditEvent).where(eq(auditEvent.actorId, ana)).orderBy(auditEvent.id);
		expect(events.map((e) => e.event)).toEqual(['learning_shared', 'learning_share_revoked']);
	});
});

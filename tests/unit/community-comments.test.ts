// Comments under content pages on both engines: the first comment opens the page's discussion
// (titled with the page's title in the writer's language), later ones reply to it, the writer is
// told of replies, a page that is not in search (or a malformed reference) takes no comment, and two
// first comments at once make one discussion.
import { eq, sql } from 'drizzle-orm';
import { cohort, cohortMember, course } from '../../src/lib/server/db/schema/learn.ts';
import { setCohortDiscussion } from '../../src/lib/server/learn/cohorts/index.ts';
import { writeTestCourse } from '../helpers/course.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { comment, COMMENTS_SPACE, discussionOf, listNotifications, listThreads, openSpace } from '../../src/lib/server/community/index.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { member as as } from '../helpers/actors.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}

const TERM = { kind: 'glossary', path: '/glossary/career-adviser' };

describe.each(testDatabases())('comments on content on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, ['content', { only: ['community', 'glossary'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string): Promise<string> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school', emailVerifiedAt: sql`now()`, createdAt: sql`now() - interval '7 days'` })
			.returning({ id: user.id });
		return row!.id;
	}

	it('opens the discussion with the first comment, replies with the next, and tells the first writer', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		expect((await discussionOf(db, null, TERM, 'en')).thread).toBeNull();
		const first = value(await comment(db, as(ada), TERM, { body: 'We say *veileder* in Norway.', language: 'nb' }));
		expect(first.postId).toBeNull();
		const second = value(await comment(db, as(bo), TERM, { body: 'And *poradce* in Czechia.', language: 'en' }));
		expect(second.threadId).toBe(first.threadId);

		const seen = await discussionOf(db, null, TERM, 'en');
		expect(seen.thread!.title).toBe('Karriererådgiver (karrierecoach)');
		expect(seen.thread!.html).toContain('<em>veileder</em>');
		expect(seen.thread!.posts.map((p) => p.html)).toEqual(['<p>And <em>poradce</em> in Czechia.</p>\n']);
		expect(seen.signedIn).toBe(false);
		// The discussion is an ordinary thread of the comments space; its first writer is told of the reply.
		const space = value(await openSpace(db, null, COMMENTS_SPACE, 'en'));
		expect((await listThreads(db, null, space)).threads.map((t) => t.id)).toEqual([first.threadId]);
		expect(value(await listNotifications(db, as(ada))).map((n) => [n.kind, n.threadId])).toEqual([['reply', first.threadId]]);
		// Another page has its own (still empty) discussion.
		expect((await discussionOf(db, null, { kind: 'glossary', path: '/glossary/career-buttons' }, 'en')).thread).toBeNull();
	});

	it('refuses a comment on a page that does not exist, a malformed reference and a visitor', async () => {
		const ada = await person('Ada');
		const input = { body: 'Hello', language: 'en' as const };
		expect(await comment(db, as(ada), { kind: 'glossary', path: '/glossary/no-such-term' }, input)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		for (const ref of [{ kind: 'thread', path: '/community/x/y' }, { kind: 'glossary', path: 'glossary/x' }, { kind: 'glossary', path: '/glossary/../x?y' }, { kind: 'Glossary!', path: '/glossary/career-adviser' }])
			expect(await comment(db, as(ada), ref, input)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await comment(db, null, TERM, input)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect((await discussionOf(db, as(ada), TERM, 'en')).thread).toBeNull();
	});

	it('makes one discussion of two first comments at once', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const [a, b] = await Promise.all([
			comment(db, as(ada), TERM, { body: 'First?', language: 'en' }),
			comment(db, as(bo), TERM, { body: 'Or me?', language: 'en' })
		]);
		expect(value(a).threadId).toBe(value(b).threadId);
		const seen = (await discussionOf(db, null, TERM, 'en')).thread!;
		expect([seen.body, ...seen.posts.map((p) => p.body)].sort()).toEqual(['First?', 'Or me?']);
	});
});

describe.each(testDatabases())('a cohort’s own lesson discussions on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [writeTestCourse()], ['content', { only: ['community'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	it('holds a lesson’s discussion in the cohort’s space when the facilitator chose so; others keep the open one', async () => {
		const person = async (name: string) =>
			(await db.insert(user).values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school', emailVerifiedAt: sql`now()`, createdAt: sql`now() - interval '7 days'` }).returning({ id: user.id }))[0]!.id;
		const fac = await person('Fac');
		const ana = await person('Ana');
		const out = await person('Out');
		const [basics] = await db.select().from(course).where(eq(course.slug, 'basics'));
		const [c] = await db.insert(cohort).values({ courseId: basics!.id, name: 'Spring group', joinCode: 'TEST-DISC', facilitatorId: fac }).returning();
		await db.insert(cohortMember).values({ cohortId: c!.id, userId: ana });
		const LESSON = { kind: 'course', path: '/learn/basics/first/welcome' };

		expect(await setCohortDiscussion(db, as(ana), c!.id, true)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		value(await setCohortDiscussion(db, as(fac), c!.id, true));
		const inCohort = value(await comment(db, as(ana), LESSON, { body: 'Only for us.', language: 'en' }));
		const seenByAna = await discussionOf(db, as(ana), LESSON, 'en');
		expect(seenByAna).toMatchObject({ cohort: true, spaceSlug: `cohort-${c!.id}` });
		expect(seenByAna.thread!.id).toBe(inCohort.threadId);
		expect((await discussionOf(db, as(fac), LESSON, 'en')).thread!.body).toBe('Only for us.');
		// Someone outside the cohort, and a visitor, see the open discussion, where nothing was said.
		expect(await discussionOf(db, as(out), LESSON, 'en')).toMatchObject({ cohort: false, thread: null });
		expect((await discussionOf(db, null, LESSON, 'en')).thread).toBeNull();
		const open = value(await comment(db, as(out), LESSON, { body: 'In the open.', language: 'en' }));
		expect(open.threadId).not.toBe(inCohort.threadId);
		// Back to the open discussion: Ana now sees the open one.
		value(await setCohortDiscussion(db, as(fac), c!.id, false));
		expect((await discussionOf(db, as(ana), LESSON, 'en')).thread!.body).toBe('In the open.');
	});
});

// The community of practice through its services on both engines: public spaces from content, an
// organisation's private space that strangers cannot tell from a missing one, threads and replies
// with one level of nesting, edits with history, soft deletion, the helpful answer, the posting
// and new-member limits, notifications on replies and mentions, moderation, search and the
// "deleted member" after an account goes.
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { auditEvent, domainEvent } from '../../src/lib/server/db/schema/platform.ts';
import { personChannel } from '../../src/lib/server/realtime/index.ts';
import { communityNotification, communityPost, communityThread } from '../../src/lib/server/db/schema/community.ts';
import { COMMUNITY_DATA } from '../../src/lib/server/community/personal-data.ts';
import { mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import {
	approve,
	createThread,
	deletePost,
	editPost,
	flag,
	getThread,
	history,
	listNotifications,
	listSpaces,
	listThreads,
	markHelpful,
	markRead,
	markThreadRead,
	moderationQueue,
	moveThread,
	newThreadForm,
	suspendMember,
	openSpace,
	organisationSpaceSlug,
	react,
	saveDraft,
	reply,
	setHidden,
	setLocked,
	setWatch,
	unreadCount,
	type Space
} from '../../src/lib/server/community/index.ts';
import { createOrganisation } from '../../src/lib/server/organisations/service.ts';
import { indexSearchItem } from '../../src/lib/server/platform/search.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import type { Result } from '../../src/lib/server/result/index.ts';
import { organisationTeam, person as newPerson } from '../helpers/community.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { value } from '../helpers/result.ts';

const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
const editor = (id: string): Actor => ({ id, role: 'editor', emailVerified: true, totpEnabled: true, secondFactorVerified: true });
const kind = (result: Result<unknown>) => (result.ok ? 'ok' : result.problem.kind);

describe.each(testDatabases())('community on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, ['content', { only: ['community'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	const person = (name: string, old?: boolean) => newPerson(db, name, old);
	const team = () => organisationTeam(db);
	const space = async (actor: string | null, slug: string) => value(await openSpace(db, actor ? as(actor) : null, slug, 'en'));
	/** Three earlier posts, so the person is no longer a new member by count. */
	async function seasoned(id: string, s: Space) {
		const { id: t } = value(await createThread(db, as(id), s, { title: 'Warm-up', body: 'First words.', language: 'en' }));
		for (const body of ['Second.', 'Third.']) value(await reply(db, as(id), s, t, { body }));
	}

	it('imports the public spaces with their words in five languages, and lists them in order', async () => {
		const { public: spaces } = await listSpaces(db, null, 'nb');
		expect(spaces.map((s) => s.slug)).toEqual(['norway', 'czechia', 'slovakia', 'poland', 'ethics', 'labour-market-information', 'digital-guidance', 'research', 'content-comments']);
		expect(spaces[0]).toMatchObject({ title: 'Norge', country: 'NO' });
		expect((await space(null, 'czechia')).title).toBe('Czechia');
		expect(kind(await openSpace(db, null, 'no-such-space', 'en'))).toBe('not_found');
	});

	it('makes an organisation space on its first visit by a member; a stranger gets the same 404 as a missing thread', async () => {
		const { owner, colleague, stranger, slug } = await team();

		expect(kind(await openSpace(db, as(stranger), slug, 'en'))).toBe('not_found');
		expect(kind(await openSpace(db, null, slug, 'en'))).toBe('not_found');
		const s = await space(colleague, slug);
		expect(s).toMatchObject({ kind: 'organisation', title: 'Karrieresenteret', access: { member: true, moderator: false } });
		const { id: thread } = value(await createThread(db, as(colleague), s, { title: 'Our team', body: 'Private words.', language: 'nb' }));
		expect((await space(owner, slug)).access.moderator).toBe(true);
		expect(value(await getThread(db, as(owner), await space(owner, slug), thread)).title).toBe('Our team');

		// The stranger's refusal is exactly that of a space that does not exist.
		const missing = await openSpace(db, as(stranger), organisationSpaceSlug('00000000-0000-4000-8000-000000000000'), 'en');
		expect(await openSpace(db, as(stranger), slug, 'en')).toEqual(missing);
		// In their own lists, only members see the space.
		expect((await listSpaces(db, as(colleague), 'en')).mine.map((m) => m.slug)).toEqual([slug]);
		expect((await listSpaces(db, as(stranger), 'en')).mine).toEqual([]);
		// A mention of the stranger in the private space tells them nothing.
		value(await reply(db, as(colleague), s, thread, { body: '@Stranger what do you think?' }));
		expect(await unreadCount(db, as(stranger))).toBe(0);
	});

	it('offers the new-thread form to those who may post, with their draft; announcing only to a private space’s moderator', async () => {
		const { owner, colleague, stranger, slug } = await team();

		expect(value(await newThreadForm(db, as(owner), slug, 'en'))).toMatchObject({ mayAnnounce: true, draft: { title: '', body: '' } });
		value(await saveDraft(db, as(colleague), await space(colleague, slug), null, { title: 'Half a thought', body: 'To be continued' }));
		expect(value(await newThreadForm(db, as(colleague), slug, 'en'))).toMatchObject({ mayAnnounce: false, draft: { title: 'Half a thought', body: 'To be continued' } });
		expect(value(await newThreadForm(db, as(colleague), 'norway', 'en')).mayAnnounce).toBe(false);
		// A stranger learns nothing about a private space; an unconfirmed address is told why it cannot post.
		expect(kind(await newThreadForm(db, as(stranger), slug, 'en'))).toBe('not_found');
		const unconfirmed: Actor = { id: stranger, role: 'member', emailVerified: false, totpEnabled: false, secondFactorVerified: false };
		expect(await newThreadForm(db, unconfirmed, 'norway', 'en')).toEqual({ ok: false, problem: { kind: 'forbidden', key: 'community_error_cannot_post' } });
	});

	it('lets a moderator of a private space announce to every member: a notice and a mail each, in their language', async () => {
		const { owner, colleague, stranger, slug } = await team();
		await db.update(user).set({ locale: 'nb' }).where(eq(user.id, colleague));
		const input = { title: 'Team day on Friday', body: 'We meet at nine.', language: 'en' as const, announce: true };
		// Not a member's to send, nor anyone's in a public space.
		expect(await createThread(db, as(colleague), await space(colleague, slug), input)).toMatchObject({ ok: false, problem: { kind: 'forbidden', key: 'community_error_announce' } });
		expect(await createThread(db, editor(owner), await space(owner, 'ethics'), input)).toMatchObject({ ok: false, problem: { kind: 'forbidden', key: 'community_error_announce' } });
		const { id: thread } = value(await createThread(db, as(owner), await space(owner, slug), input));
		expect(value(await listNotifications(db, as(colleague))).map((n) => [n.kind, n.threadId])).toEqual([['announcement', thread]]);
		// Their open pages' bells hear of it; the writer's does not.
		expect(await db.select({ id: domainEvent.id }).from(domainEvent).where(eq(domainEvent.channel, personChannel(colleague)))).toHaveLength(1);
		expect(await db.select({ id: domainEvent.id }).from(domainEvent).where(eq(domainEvent.channel, personChannel(owner)))).toHaveLength(0);
		expect(await unreadCount(db, as(owner))).toBe(0);
		expect(await unreadCount(db, as(stranger))).toBe(0);
		const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.senderId, owner));
		expect(mails.map((mail) => mail.toAddress)).toEqual(['colleague@example.org']);
		expect(mails[0]!.subject).toBe('Owner la ut en kunngjøring i Karrieresenteret: Team day on Friday');
		expect(mails[0]!.link).toMatch(new RegExp(`/nb/community/${slug}/${thread}$`));
	});

	it('nests a reply to a reply under the first reply (one level), and shows the thread in its space', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const s = await space(ada, 'ethics');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'Confidentiality with parents', body: 'What do you tell a parent who asks?', language: 'en' }));
		const first = value(await reply(db, as(bo), s, thread, { body: 'Only what the pupil agrees to.' }));
		const second = value(await reply(db, as(ada), s, thread, { body: 'Even at fourteen?', parentId: first.id }));
		const third = value(await reply(db, as(bo), s, thread, { body: 'Yes, within the law.', parentId: second.id }));
		const view = value(await getThread(db, as(ada), s, thread));
		expect(view.posts.map((p) => p.id)).toEqual([first.id]);
		expect(view.posts[0]!.replies.map((p) => p.id)).toEqual([second.id, third.id]);
		expect(view.replyCount).toBe(3);
		expect(view.posts[0]!.html).toContain('<p>Only what the pupil agrees to.</p>');
		// A reply that names another thread's reply as its parent is refused.
		const { id: other } = value(await createThread(db, as(bo), s, { title: 'Another', body: 'x', language: 'en' }));
		expect(kind(await reply(db, as(ada), s, other, { body: 'Wrong parent', parentId: first.id }))).toBe('invalid');
		const listed = await listThreads(db, null, s);
		expect(listed.threads.map((t) => t.title)).toEqual(['Another', 'Confidentiality with parents']);
		expect((await listThreads(db, null, s, { language: 'nb' })).threads).toEqual([]);
		expect((await listSpaces(db, null, 'en')).public.find((x) => x.slug === 'ethics')?.threads).toBe(2);
	});

	it('keeps the history of an edit, and leaves a placeholder where a deleted reply was', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const s = await space(ada, 'research');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'Evidence on LMI', body: 'First version.', language: 'en' }));
		const r = value(await reply(db, as(bo), s, thread, { body: 'Look at the review.' }));
		const nested = value(await reply(db, as(ada), s, thread, { body: 'Which one?', parentId: r.id }));
		expect(kind(await editPost(db, as(bo), s, thread, null, { title: 'Hijacked', body: 'Not mine' }))).toBe('not_found');
		value(await editPost(db, as(ada), s, thread, null, { title: 'Evidence on labour-market information', body: 'Second version.' }));
		const h = value(await history(db, null, s, thread, null));
		expect(h.current.title).toBe('Evidence on labour-market information');
		expect(h.revisions.map((x) => [x.title, x.html])).toEqual([['Evidence on LMI', '<p>First version.</p>\n']]);

		expect(kind(await deletePost(db, as(ada), s, thread, r.id))).toBe('not_found');
		value(await deletePost(db, as(bo), s, thread, r.id));
		const view = value(await getThread(db, as(ada), s, thread));
		expect(view.posts[0]).toMatchObject({ id: r.id, deleted: true, html: '', body: '', authorName: null });
		expect(view.posts[0]!.replies.map((p) => p.id)).toEqual([nested.id]);
	});

	it('lets only the thread author or a moderator choose one helpful answer', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const cy = await person('Cy');
		const s = await space(ada, 'digital-guidance');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'Video tools', body: 'Which do you use?', language: 'en' }));
		const a = value(await reply(db, as(bo), s, thread, { body: 'A booking tool with video.' }));
		const b = value(await reply(db, as(cy), s, thread, { body: 'Plain phone calls.' }));
		expect(kind(await markHelpful(db, as(bo), s, thread, a.id, true))).toBe('not_found');
		value(await markHelpful(db, as(ada), s, thread, a.id, true));
		value(await markHelpful(db, editor(cy), s, thread, b.id, true));
		const view = value(await getThread(db, as(bo), s, thread));
		expect(view.posts.map((p) => p.helpful)).toEqual([false, true]);
		expect((await listThreads(db, null, s)).threads[0]!.solved).toBe(true);
	});

	it('limits a new member to five posts an hour and holds their links for review; others post freely', async () => {
		const fresh = await person('Fresh', false);
		const s = await space(fresh, 'poland');
		const { id: thread, held } = value(await createThread(db, as(fresh), s, { title: 'Hello', body: 'I am new here.', language: 'pl' }));
		expect(held).toBe(false);
		const linked = value(await reply(db, as(fresh), s, thread, { body: 'See https://example.org/guide' }));
		expect(linked.held).toBe(true);
		// Held: others do not see it, the author does.
		const other = await person('Other');
		expect(value(await getThread(db, as(other), s, thread)).posts).toEqual([]);
		expect(value(await getThread(db, as(fresh), s, thread)).posts[0]).toMatchObject({ held: true });
		for (let i = 0; i < 3; i++) value(await reply(db, as(fresh), s, thread, { body: `Reply ${i}` }));
		const sixth = await reply(db, as(fresh), s, thread, { body: 'One too many' });
		expect(sixth).toEqual({ ok: false, problem: { kind: 'rate_limited', field: 'body', key: 'community_error_new_member_limit' } });

		// A moderator lets the held reply through: now everyone sees it, and the audit log says so.
		const mod = await person('Mod');
		expect(value(await moderationQueue(db, editor(mod))).map((i) => i.held)).toEqual([true]);
		value(await approve(db, editor(mod), s, thread, linked.id));
		expect(value(await getThread(db, as(other), s, thread)).posts.map((p) => p.id)).toContain(linked.id);
		expect((await db.select({ event: auditEvent.event }).from(auditEvent)).map((e) => e.event)).toContain('community_approved');

		// A seasoned member's link is not held, and they may post more.
		await seasoned(other, s);
		expect(value(await reply(db, as(other), s, thread, { body: 'https://example.org/another' })).held).toBe(false);
		for (let i = 0; i < 6; i++) value(await reply(db, as(other), s, thread, { body: `More ${i}` }));
	});

	it('tells watchers of a reply and the people mentioned, not the writer nor those who muted it', async () => {
		const ada = await person('Ada Lovelace');
		const bo = await person('Bo');
		const cy = await person('Cy');
		const s = await space(ada, 'norway');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'NAV and schools', body: 'How do you cooperate?', language: 'nb' }));
		const r = value(await reply(db, as(bo), s, thread, { body: 'Monthly meetings.' }));
		// The author watches their thread: told of Bo's reply.
		let ada1 = value(await listNotifications(db, as(ada)));
		expect(ada1.map((n) => [n.kind, n.actorName, n.postId])).toEqual([['reply', 'Bo', r.id]]);
		expect(await unreadCount(db, as(bo))).toBe(0);

		// Cy mentions Ada (by her full name) and Bo; Bo, a replier, is told once, as a mention.
		value(await reply(db, as(cy), s, thread, { body: 'I agree with @Ada Lovelace.', mention: '@Bo' }));
		expect(value(await listNotifications(db, as(bo))).map((n) => n.kind)).toEqual(['mention']);
		ada1 = value(await listNotifications(db, as(ada)));
		expect(ada1.map((n) => n.kind)).toEqual(['mention', 'reply']);
		// "@Ada" alone is not a mention of "Ada Lovelace"'s longer name's prefix… but @Bob is not @Bo.
		value(await reply(db, as(ada), s, thread, { body: 'Thanks @Bob' }));
		expect(value(await listNotifications(db, as(bo))).filter((n) => n.kind === 'mention')).toHaveLength(1);

		// Muted: no more replies; mark-read empties the bell.
		value(await setWatch(db, as(ada), s, thread, 'mute'));
		value(await reply(db, as(bo), s, thread, { body: 'Another reply.' }));
		expect(value(await listNotifications(db, as(ada)))).toHaveLength(2);
		expect(await unreadCount(db, as(ada))).toBe(2);
		value(await markRead(db, as(ada), 'all'));
		expect(await unreadCount(db, as(ada))).toBe(0);
		// Opening the thread reads its notices.
		expect(await unreadCount(db, as(bo))).toBe(2);
		await markThreadRead(db, as(bo), thread);
		expect(await unreadCount(db, as(bo))).toBe(0);
		value(await reply(db, as(cy), s, thread, { body: 'Hello again @Bo' }));
		const [someone] = await db.select({ id: communityNotification.id }).from(communityNotification).where(eq(communityNotification.userId, bo));
		expect(kind(await markRead(db, as(ada), [someone!.id]))).toBe('ok');
		expect(await unreadCount(db, as(bo))).toBeGreaterThan(0);
	});

	it('tells a person’s own realtime channel, and nobody else’s, whenever their bell’s count changes', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const cy = await person('Cy');
		const s = await space(ada, 'ethics');
		const told = async (id: string) => db.select({ type: domainEvent.type, payload: domainEvent.payload }).from(domainEvent).where(eq(domainEvent.channel, personChannel(id)));
		// Ada's thread mentions Bo: Bo's channel hears of it (and carries no words), Ada's and Cy's do not.
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'Listening', body: 'What helps, @Bo?', language: 'en' }));
		expect(await told(bo)).toEqual([{ type: 'community.unread_changed', payload: {} }]);
		expect(await told(ada)).toHaveLength(0);
		// Cy replies and mentions Bo again: Ada (who watches her thread) hears once, Bo once more, Cy never.
		value(await reply(db, as(cy), s, thread, { body: 'Silence helps, @Bo.' }));
		expect(await told(ada)).toHaveLength(1);
		expect(await told(bo)).toHaveLength(2);
		expect(await told(cy)).toHaveLength(0);
		// Reading tells the person's other pages once; reading nothing new tells nothing.
		await markThreadRead(db, as(bo), thread);
		expect(await unreadCount(db, as(bo))).toBe(0);
		expect(await told(bo)).toHaveLength(3);
		await markThreadRead(db, as(bo), thread);
		expect(await told(bo)).toHaveLength(3);
		value(await markRead(db, as(ada), 'all'));
		expect(await told(ada)).toHaveLength(2);
		value(await markRead(db, as(ada), 'all'));
		expect(await told(ada)).toHaveLength(2);
		expect(await told(cy)).toHaveLength(0);
	});

	it('lets readers react to others’ words once per reaction (a second press takes it back), never to their own', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const cy = await person('Cy');
		const s = await space(ada, 'ethics');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'Reactions', body: 'Opening.', language: 'en' }));
		const { id: post } = value(await reply(db, as(bo), s, thread, { body: 'A reply.' }));
		expect(value(await react(db, as(bo), s, thread, null, 'thanks'))).toEqual({ given: true });
		expect(value(await react(db, as(cy), s, thread, null, 'thanks'))).toEqual({ given: true });
		expect(value(await react(db, as(ada), s, thread, post, 'insightful'))).toEqual({ given: true });
		expect(value(await react(db, as(cy), s, thread, post, 'like'))).toEqual({ given: true });
		expect(value(await react(db, as(cy), s, thread, post, 'like'))).toEqual({ given: false });
		expect(await react(db, as(ada), s, thread, null, 'like')).toMatchObject({ ok: false, problem: { kind: 'forbidden', key: 'community_error_react' } });
		expect(await react(db, as(bo), s, thread, '00000000-0000-4000-8000-000000000000', 'like')).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		const seenByCy = value(await getThread(db, as(cy), s, thread));
		expect(seenByCy.reactions).toEqual([{ reaction: 'thanks', count: 2, mine: true }]);
		expect(seenByCy.posts[0]!.reactions).toEqual([{ reaction: 'insightful', count: 1, mine: false }]);
		expect(seenByCy.may.react).toBe(true);
		expect(value(await getThread(db, as(ada), s, thread)).may.react).toBe(false);
		expect(value(await getThread(db, null, s, thread)).posts[0]!.may.react).toBe(false);
	});

	it('lets members flag, and moderators hide, restore and lock, audit-logged', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const mod = await person('Mod');
		const s = await space(ada, 'slovakia');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'Rude thread', body: 'Hmm', language: 'sk' }));
		const r = value(await reply(db, as(bo), s, thread, { body: 'Something rude' }));
		expect(kind(await flag(db, as(bo), s, thread, r.id, { reason: 'abusive', note: '' }))).toBe('not_found');
		value(await flag(db, as(ada), s, thread, r.id, { reason: 'abusive', note: 'Please look' }));
		expect(kind(await moderationQueue(db, as(ada)))).toBe('not_found');
		const queue = value(await moderationQueue(db, editor(mod)));
		expect(queue).toMatchObject([{ postId: r.id, reasons: ['abusive'], notes: ['Please look'], held: false }]);

		expect(kind(await setHidden(db, as(ada), s, thread, r.id, true))).toBe('not_found');
		value(await setHidden(db, editor(mod), s, thread, r.id, true));
		expect(value(await getThread(db, as(ada), s, thread)).posts[0]).toMatchObject({ hidden: true, html: '' });
		expect(value(await getThread(db, editor(mod), s, thread)).posts[0]!.html).toContain('Something rude');
		expect(value(await moderationQueue(db, editor(mod)))).toEqual([]);
		value(await setHidden(db, editor(mod), s, thread, r.id, false));

		value(await setLocked(db, editor(mod), s, thread, true));
		expect(await reply(db, as(bo), s, thread, { body: 'More' })).toMatchObject({ ok: false, problem: { kind: 'forbidden', key: 'community_error_locked' } });
		expect(kind(await reply(db, editor(mod), s, thread, { body: 'Closing this.' }))).toBe('ok');
		const events = (await db.select({ event: auditEvent.event }).from(auditEvent)).map((e) => e.event);
		expect(events).toEqual(expect.arrayContaining(['community_hidden', 'community_restored', 'community_locked']));

		// A hidden thread is a 404 to members.
		value(await setHidden(db, editor(mod), s, thread, null, true));
		expect(kind(await getThread(db, as(bo), s, thread))).toBe('not_found');
	});

	it('lets a moderator move a thread between open spaces only, audit-logged', async () => {
		const ada = await person('Ada');
		const mod = await person('Mod');
		const s = await space(ada, 'slovakia');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'Really about ethics', body: 'Confidentiality again.', language: 'en' }));
		expect(kind(await moveThread(db, as(ada), s, thread, 'ethics'))).toBe('not_found');
		expect(await moveThread(db, editor(mod), s, thread, 'no-such-space')).toMatchObject({ ok: false, problem: { kind: 'invalid', key: 'community_error_move' } });
		expect(await moveThread(db, editor(mod), s, thread, 'slovakia')).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
		const { id: org } = value(await createOrganisation(db, as(mod), { name: 'Centrum', sector: 'adult_centre', country: 'SK', languages: ['sk'], description: '' }, { ip: '203.0.113.1' }));
		expect(await moveThread(db, editor(mod), s, thread, organisationSpaceSlug(org))).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
		expect(value(await moveThread(db, editor(mod), s, thread, 'ethics'))).toEqual({ slug: 'ethics' });
		expect(kind(await getThread(db, as(ada), s, thread))).toBe('not_found');
		expect(value(await getThread(db, as(ada), await space(ada, 'ethics'), thread)).title).toBe('Really about ethics');
		const events = (await db.select({ event: auditEvent.event }).from(auditEvent)).map((e) => e.event);
		expect(events).toContain('community_moved');
	});

	it('lets a moderator suspend a member from posting in a space (not elsewhere) and lift it, audit-logged', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const mod = await person('Mod');
		const s = await space(ada, 'poland');
		const { id: thread } = value(await createThread(db, as(ada), s, { title: 'Heated', body: 'Calm, please.', language: 'en' }));
		value(await reply(db, as(bo), s, thread, { body: 'Something heated' }));
		expect(kind(await suspendMember(db, as(ada), s, bo, 7))).toBe('not_found');
		expect(kind(await suspendMember(db, editor(mod), s, mod, 7))).toBe('invalid');
		expect(kind(await suspendMember(db, editor(mod), s, bo, 3))).toBe('invalid');
		// Someone who never wrote in the space cannot be named.
		expect(kind(await suspendMember(db, editor(mod), s, await person('Cy'), 7))).toBe('not_found');
		value(await suspendMember(db, editor(mod), s, bo, 7));
		expect(await reply(db, as(bo), s, thread, { body: 'Again' })).toMatchObject({ ok: false, problem: { kind: 'forbidden', key: 'community_error_suspended' } });
		expect(await createThread(db, as(bo), s, { title: 'New', body: 'x', language: 'en' })).toMatchObject({ ok: false, problem: { key: 'community_error_suspended' } });
		// Still reads it, and still posts elsewhere.
		expect(kind(await getThread(db, as(bo), s, thread))).toBe('ok');
		expect(kind(await createThread(db, as(bo), await space(bo, 'ethics'), { title: 'Elsewhere', body: 'Fine here.', language: 'en' }))).toBe('ok');
		value(await suspendMember(db, editor(mod), s, bo, 0));
		expect(kind(await reply(db, as(bo), s, thread, { body: 'Calmer now.' }))).toBe('ok');
		const events = (await db.select({ event: auditEvent.event }).from(auditEvent)).map((e) => e.event);
		expect(events).toEqual(expect.arrayContaining(['community_suspended', 'community_unsuspended']));
	});

	it('indexes threads of public spaces for search, never those of a private space', async () => {
		const ada = await person('Ada');
		const { id: org } = value(await createOrganisation(db, as(ada), { name: 'Secret centre', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' }));
		const pub = value(await createThread(db, as(ada), await space(ada, 'ethics'), { title: 'Impartiality in guidance', body: 'Open words', language: 'en' }));
		const priv = value(await createThread(db, as(ada), await space(ada, organisationSpaceSlug(org)), { title: 'Impartiality at our centre', body: 'Closed words', language: 'en' }));
		await indexSearchItem(db, `thread:${pub.id}`);
		await indexSearchItem(db, `thread:${priv.id}`);
		const rows = await db.execute<{ ref: string; path: string }>(sql`select ref, path from search_document where type = 'thread'`);
		const found = (rows as unknown as { rows: { ref: string; path: string }[] }).rows;
		expect(found).toEqual([{ ref: `thread:${pub.id}`, path: `/community/ethics/${pub.id}` }]);
	});

	it('shows a deleted account as "deleted member" and keeps their words', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const s = await space(ada, 'czechia');
		const { id: thread } = value(await createThread(db, as(bo), s, { title: 'Hello from Brno', body: 'Ahoj', language: 'cs' }));
		value(await reply(db, as(bo), s, thread, { body: 'Still here' }));
		await db.delete(user).where(eq(user.id, bo));
		const view = value(await getThread(db, as(ada), s, thread));
		expect(view).toMatchObject({ authorName: null, authorId: null, body: 'Ahoj' });
		expect(view.posts[0]).toMatchObject({ authorName: null, body: 'Still here' });
	});

	it('removes a deleted account’s words when they chose so, leaving placeholders and others’ replies', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const s = await space(ada, 'czechia');
		const { id: theirs } = value(await createThread(db, as(bo), s, { title: 'Private worries', body: 'Something I regret writing', language: 'en' }));
		value(await reply(db, as(ada), s, theirs, { body: 'Ada answers.' }));
		const { id: adas } = value(await createThread(db, as(ada), s, { title: 'Ada asks', body: 'A question', language: 'en' }));
		value(await editPost(db, as(bo), s, adas, value(await reply(db, as(bo), s, adas, { body: 'First wording' })).id, { body: 'Second wording' }));
		const erase = COMMUNITY_DATA.find((part) => part.erase)!.erase!;
		await db.transaction(async (tx) => {
			await erase(tx, { id: bo, addresses: [], writing: 'remove' });
			await tx.delete(user).where(eq(user.id, bo));
		});
		const [row] = await db.select().from(communityThread).where(eq(communityThread.id, theirs));
		expect(row).toMatchObject({ title: '', body: '', authorId: null });
		expect(row!.deletedAt).not.toBeNull();
		const view = value(await getThread(db, as(ada), s, adas));
		expect(view.posts[0]).toMatchObject({ deleted: true, body: '' });
		const [post] = await db.select().from(communityPost).where(eq(communityPost.threadId, adas));
		expect(post!.body).toBe('');
		const traces = await db.execute(sql`select count(*)::int as n from community_revision where body like '%wording%'`);
		expect((traces as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
		// Ada's reply under Bo's removed thread is still hers.
		const [kept] = await db.select().from(communityPost).where(eq(communityPost.threadId, theirs));
		expect(kept!.body).toBe('Ada answers.');
		expect((await listThreads(db, as(ada), s)).threads.map((t) => t.title)).toEqual(['Ada asks']);
	});
});

// Comments on content: every public content page (a lesson, a framework node, a glossary term, an
// ethics card, a practice, a resource — whatever the search index holds as a page) has its
// discussion, a thread of the "content-comments" space made by the first comment. A page is named
// by one content reference `{ kind, path }`: its search type and its address without the language,
// so a new kind of content has comments as soon as it is in search. The thread is an ordinary one:
// replies, mentions, notifications, flags, moderation and search all apply.
import { and, eq, sql } from 'drizzle-orm';
import { BASE_LOCALE, type AppLocale } from '../../i18n/locales.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { communityThread } from '../db/schema/community.ts';
import type { Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';
import { cohortSpaceSlug, openSpace } from './spaces.ts';
import { createThread, getThread, reply, TITLE_MAX, type PostLanguage, type ThreadView } from './threads.ts';

/** The space that holds every content page's discussion (shipped in content/community/spaces.yaml). */
export const COMMENTS_SPACE = 'content-comments';

/** A content page: its search type (`glossary`, `framework`, `course`…) and its path without the language. */
export type ContentRef = { kind: string; path: string };

const KIND = /^[a-z]{2,20}$/;
const PATH = /^(\/[A-Za-z0-9._~-]+){1,6}$/;

/** Whether `ref` is well formed (it may still name no page). */
export function isContentRef(ref: ContentRef): boolean {
	return KIND.test(ref.kind) && ref.kind !== 'thread' && ref.path.length <= 300 && PATH.test(ref.path);
}

const subjectOf = (ref: ContentRef) => `${ref.kind}:${ref.path}`;

/** The page's title in `locale` (else English, else any), if the search index has that page. */
async function pageTitle(db: DbOrTx, ref: ContentRef, locale: AppLocale): Promise<string | undefined> {
	const [row] = await queryRows<{ title: string }>(
		db,
		sql`select title from search_document where type = ${ref.kind} and path = ${ref.path}
			order by (locale = ${locale}) desc, (locale = ${BASE_LOCALE}) desc, locale limit 1`
	);
	return row?.title;
}

/**
 * Where the actor discusses a content page, and the discussion's thread if it has one, in one
 * statement: the open comments space, or — for a lesson of a course whose cohort (one the actor
 * belongs to or runs, the newest) keeps its discussions to itself — the cohort's private space.
 * Decided here from the actor's cohorts, never from the form.
 */
async function placeOf(db: DbOrTx, actor: Actor, ref: ContentRef): Promise<{ slug: string; threadId: string | null }> {
	const course = ref.kind === 'course' ? /^\/learn\/([^/]+)\/[^/]+\/[^/]+$/.exec(ref.path)?.[1] : undefined;
	const mine =
		actor && course
			? sql`select c.id from cohort c join course co on co.id = c.course_id
				where co.slug = ${course} and c.discuss_in_cohort
					and (c.facilitator_id = ${actor.id} or exists (select 1 from cohort_member m where m.cohort_id = c.id and m.user_id = ${actor.id}))
				order by c.created_at desc limit 1`
			: sql`select null::uuid as id where false`;
	const [row] = await queryRows<{ cohort: string | null; thread: string | null }>(
		db,
		sql`with mine as (${mine}), space as (
				select s.id from community_space s where s.cohort_id = (select id from mine)
				union all
				select s.id from community_space s where s.slug = ${COMMENTS_SPACE} and not exists (select 1 from mine)
			)
			select (select id from mine) as cohort,
				(select t.id from community_thread t where t.space_id = (select id from space) and t.subject = ${subjectOf(ref)}) as thread`
	);
	return { slug: row?.cohort ? cohortSpaceSlug(row.cohort) : COMMENTS_SPACE, threadId: row?.thread ?? null };
}

/** The discussion of a content page as the reader sees it: null thread while nobody has commented. */
export type Discussion = { ref: ContentRef; thread: ThreadView | null; spaceSlug: string; signedIn: boolean;
	/** Held in the reader's cohort's own space (members only), not the open one. */
	cohort: boolean };

/** The discussion under a content page (one indexed query while there is none). */
export async function discussionOf(db: DbOrTx, actor: Actor, ref: ContentRef, locale: AppLocale): Promise<Discussion> {
	if (!isContentRef(ref)) return { ref, thread: null, spaceSlug: COMMENTS_SPACE, signedIn: !!actor, cohort: false };
	const { slug, threadId } = await placeOf(db, actor, ref);
	const empty: Discussion = { ref, thread: null, spaceSlug: slug, signedIn: !!actor, cohort: slug !== COMMENTS_SPACE };
	if (!threadId) return empty;
	const space = await openSpace(db, actor, slug, locale);
	if (!space.ok) return empty;
	const thread = await getThread(db, actor, space.value, threadId);
	return { ...empty, thread: thread.ok && !thread.value.deleted ? thread.value : null };
}

/**
 * Comments on a content page: the first comment opens its discussion (titled with the page's
 * title), later ones reply to it. The page must exist (be in search); the usual posting rules,
 * limits and notices apply. Returns where the comment is.
 */
export async function comment(db: DbOrTx, actor: Actor, ref: ContentRef, input: { body: string; language: PostLanguage }): Promise<Result<{ threadId: string; postId: string | null; held: boolean }>> {
	if (!actor) return problem('forbidden');
	if (!isContentRef(ref)) return problem('not_found');
	const title = await pageTitle(db, ref, input.language);
	if (title === undefined) return problem('not_found');
	const space = await openSpace(db, actor, (await placeOf(db, actor, ref)).slug, input.language);
	if (!space.ok) return space;
	const existing = async () =>
		(await db.select({ id: communityThread.id, deletedAt: communityThread.deletedAt }).from(communityThread).where(and(eq(communityThread.spaceId, space.value.id), eq(communityThread.subject, subjectOf(ref)))))[0];
	const found = await existing();
	if (!found) {
		try {
			const opened = await createThread(db, actor, space.value, { title: title.slice(0, TITLE_MAX), body: input.body, language: input.language, subject: subjectOf(ref) });
			if (!opened.ok) return opened;
			return ok({ threadId: opened.value.id, postId: null, held: opened.value.held });
		} catch (error) {
			// Someone else's first comment made the thread a moment ago: this one is a reply to it.
			if (!(await existing())) throw error;
		}
	}
	const thread = (await existing())!;
	// Its first comment was deleted (the whole thread with it): the page's discussion goes on, without those words.
	if (thread.deletedAt) await db.update(communityThread).set({ deletedAt: null, body: '' }).where(eq(communityThread.id, thread.id));
	const replied = await reply(db, actor, space.value, thread.id, { body: input.body });
	if (!replied.ok) return replied;
	return ok({ threadId: thread.id, postId: replied.value.id, held: replied.value.held });
}

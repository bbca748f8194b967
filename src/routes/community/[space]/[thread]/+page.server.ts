import { redirect, type RequestEvent } from '@sveltejs/kit';
import { redirectWithFlash } from '#lib/server/http/flash.ts';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import {
	approve,
	deletePost,
	dismissFlags,
	editForm,
	editPost,
	flag,
	flagForm,
	getDraft,
	getThread,
	helpfulForm,
	hideForm,
	lockForm,
	markHelpful,
	markThreadRead,
	listSpaces,
	moveForm,
	moveThread,
	suspendForm,
	suspendMember,
	unreadCount,
	react,
	reactForm,
	openFlagCounts,
	openSpace,
	reply,
	replyForm,
	setHidden,
	setLocked,
	setWatch,
	targetForm,
	watchForm,
	type Space
} from '#lib/server/community/index.ts';
import { parseForm, uploadedFile } from '#lib/server/forms/index.ts';
import { actorOf, requestContext } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { localizeHref } from '#lib/i18n/paths.ts';
import type { Result } from '#lib/server/result/index.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = actorOf(locals);
	const space = valueOf(await openSpace(db(), actor, params.space, getLocale()));
	const thread = valueOf(await getThread(db(), actor, space, params.thread));
	// Opening a thread reads its notices.
	await markThreadRead(db(), actor, thread.id);
	const draft = thread.may.reply ? await getDraft(db(), actor, `thread:${thread.id}`) : undefined;
	const flags = thread.may.moderate ? Object.fromEntries(await openFlagCounts(db(), thread.id)) : {};
	// A moderator of an open space may move an ordinary thread to another open space.
	const moveTo = thread.may.moderate && space.kind === 'public' && !thread.subject ? (await listSpaces(db(), actor, getLocale())).public.filter((s) => s.slug !== space.slug).map((s) => ({ slug: s.slug, title: s.title })) : [];
	return {
		// The header's bell counts after this page read the thread's notices (the layout's count is
		// read beside this load, possibly before).
		unread: await unreadCount(db(), actor),
		space: { slug: space.slug, title: space.title, kind: space.kind },
		thread,
		draft: draft?.body ?? '',
		flags,
		moveTo,
		signedIn: !!actor,
		viewerId: actor?.id ?? null,
		// Which post's edit form or reply form is open (links work without JavaScript).
		editing: url.searchParams.get('edit') ?? '',
		replyTo: url.searchParams.get('reply') ?? '',
		quote: url.searchParams.get('quote') === '1',
		held: url.searchParams.get('held') === '1'
	};
};

/** The space of the request, as its reader may see it (404 otherwise). */
async function spaceOf(event: RequestEvent<{ space: string; thread: string }>): Promise<Space> {
	requireSession(event.locals);
	return valueOf(await openSpace(db(), actorOf(event.locals), event.params.space, getLocale()));
}

const back = (space: Space, threadId: string, anchor = '') => redirect(303, localizeHref(`/community/${space.slug}/${threadId}`) + anchor);
const valuesOf = (form: FormData) => Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
/** The image attached in the form's `image` field, with its alt text. */
const imageOf = async (form: FormData, alt: string) => {
	const file = await uploadedFile(form, 'image');
	return file && { ...file, alt };
};
const done = (result: Result<unknown>, space: Space, threadId: string, anchor = '') => respond(result, {}, () => back(space, threadId, anchor));

export const actions: Actions = {
	reply: async (event) => {
		const space = await spaceOf(event);
		const form = await event.request.formData();
		const values = valuesOf(form);
		const parsed = parseForm(replyForm, form);
		if (!parsed.ok) return invalidForm(parsed.errors, { section: 'reply', values });
		const image = await imageOf(form, parsed.data.alt);
		const result = await reply(db(), actorOf(event.locals), space, event.params.thread, { body: parsed.data.body, parentId: parsed.data.parent, mention: parsed.data.mention, image });
		return respond(result, { frame: { section: 'reply', values } }, (posted) =>
			redirect(303, localizeHref(`/community/${space.slug}/${event.params.thread}${posted.held ? '?held=1' : ''}`) + `#post-${posted.id}`)
		);
	},
	edit: async (event) => {
		const space = await spaceOf(event);
		const form = await event.request.formData();
		const values = valuesOf(form);
		const parsed = parseForm(editForm, form);
		if (!parsed.ok) return invalidForm(parsed.errors, { section: 'edit', values });
		const image = await imageOf(form, parsed.data.alt);
		const result = await editPost(db(), actorOf(event.locals), space, event.params.thread, parsed.data.post, { title: parsed.data.title, body: parsed.data.body, image });
		return respond(result, { frame: { section: 'edit', values } }, () => back(space, event.params.thread, parsed.data.post ? `#post-${parsed.data.post}` : ''));
	},
	delete: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(targetForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		const result = await deletePost(db(), actorOf(event.locals), space, event.params.thread, parsed.data.post);
		if (parsed.data.post === null) return respond(result, {}, () => redirect(303, localizeHref(`/community/${space.slug}`)));
		return done(result, space, event.params.thread, `#post-${parsed.data.post}`);
	},
	helpful: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(helpfulForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return done(await markHelpful(db(), actorOf(event.locals), space, event.params.thread, parsed.data.post, parsed.data.helpful), space, event.params.thread, `#post-${parsed.data.post}`);
	},
	react: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(reactForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		const { post, reaction } = parsed.data;
		return done(await react(db(), actorOf(event.locals), space, event.params.thread, post, reaction), space, event.params.thread, post ? `#post-${post}` : '');
	},
	flag: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(flagForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors, { section: 'flag' });
		const result = await flag(db(), actorOf(event.locals), space, event.params.thread, parsed.data.post, { reason: parsed.data.reason, note: parsed.data.note });
		return respond(result, {}, () => redirect(303, localizeHref(`/community/${space.slug}/${event.params.thread}?flagged=1`)));
	},
	watch: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(watchForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return done(await setWatch(db(), actorOf(event.locals), space, event.params.thread, parsed.data.level), space, event.params.thread);
	},
	move: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(moveForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors, { section: 'move' });
		const result = await moveThread(db(), actorOf(event.locals), space, event.params.thread, parsed.data.to, requestContext(event).ip);
		const secure = event.url.protocol === 'https:';
		return respond(result, { frame: { section: 'move' } }, (moved) => redirectWithFlash(event.cookies, localizeHref(`/community/${moved.slug}/${event.params.thread}`), { moved: true }, secure));
	},
	suspend: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(suspendForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		const result = await suspendMember(db(), actorOf(event.locals), space, parsed.data.user, parsed.data.days, requestContext(event).ip);
		const secure = event.url.protocol === 'https:';
		return respond(result, {}, () => redirectWithFlash(event.cookies, localizeHref(`/community/${space.slug}/${event.params.thread}`), { suspension: parsed.data.days > 0 ? 'applied' : 'lifted' }, secure));
	},
	lock: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(lockForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return done(await setLocked(db(), actorOf(event.locals), space, event.params.thread, parsed.data.locked, requestContext(event).ip), space, event.params.thread);
	},
	hide: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(hideForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return done(await setHidden(db(), actorOf(event.locals), space, event.params.thread, parsed.data.post, parsed.data.hidden, requestContext(event).ip), space, event.params.thread);
	},
	approve: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(targetForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return done(await approve(db(), actorOf(event.locals), space, event.params.thread, parsed.data.post, requestContext(event).ip), space, event.params.thread);
	},
	dismiss: async (event) => {
		const space = await spaceOf(event);
		const parsed = parseForm(targetForm, await event.request.formData());
		if (!parsed.ok) return invalidForm(parsed.errors);
		return done(await dismissFlags(db(), actorOf(event.locals), space, event.params.thread, parsed.data.post), space, event.params.thread);
	}
};

import { z } from 'zod';
import { plainText, requiredText, singleLine, uuid } from '../forms/index.ts';
import { DIGEST_CHOICES } from './digest.ts';
import { FLAG_NOTE_MAX, FLAG_REASONS, SUSPENSION_DAYS } from './moderation.ts';
import { REACTIONS } from './reactions.ts';
import { BODY_MAX, POST_LANGUAGES, TITLE_MAX } from './threads.ts';
import { isContentRef } from './comments.ts';
import { ALT_MAX } from './uploads.ts';

const optionalId = z
	.union([z.literal(''), uuid()])
	.default('')
	.transform((v) => v || null);
const mention = plainText(200).default('');
/** The alt text of an image attached with the post (the file itself is read with `uploadedFile`). */
const alt = plainText(ALT_MAX).default('');

/** A new thread. */
export const threadForm = z.object({
	title: singleLine(TITLE_MAX),
	body: requiredText(BODY_MAX),
	language: z.enum(POST_LANGUAGES, { error: 'error_choose' }),
	mention,
	alt,
	/** A moderator of an organisation's or a cohort's space tells every member (notice and mail). */
	announce: z.literal('yes', { error: 'error_invalid' }).optional().transform((v) => v === 'yes')
});

/** An image uploaded on its own while a post is written (its file is read with `uploadedFile`). */
export const imageForm = z.object({ alt });

/** A reply, to the thread or to a reply (`parent`). */
export const replyForm = z.object({ body: requiredText(BODY_MAX), parent: optionalId, mention, alt });

/** An edit of a thread's opening (`post` empty, with its title) or of a reply. */
export const editForm = z.object({ post: optionalId, title: singleLine(TITLE_MAX).optional(), body: requiredText(BODY_MAX), alt });

/** Names the thread itself (`post` empty) or one of its replies. */
export const targetForm = z.object({ post: optionalId });

export const flagForm = z.object({ post: optionalId, reason: z.enum(FLAG_REASONS, { error: 'error_choose' }), note: plainText(FLAG_NOTE_MAX).default('') });
/** A reaction given or taken back, to the thread's opening text (`post` empty) or a reply. */
export const reactForm = z.object({ post: optionalId, reaction: z.enum(REACTIONS, { error: 'error_choose' }) });
export const helpfulForm = z.object({ post: uuid(), helpful: z.enum(['true', 'false'], { error: 'error_invalid' }).transform((v) => v === 'true') });
export const watchForm = z.object({ level: z.enum(['watch', 'mute', 'default'], { error: 'error_choose' }).transform((v) => (v === 'default' ? null : v)) });
export const lockForm = z.object({ locked: z.enum(['true', 'false'], { error: 'error_invalid' }).transform((v) => v === 'true') });
export const hideForm = z.object({ post: optionalId, hidden: z.enum(['true', 'false'], { error: 'error_invalid' }).transform((v) => v === 'true') });
export const draftForm = z.object({ title: plainText(TITLE_MAX).default(''), body: plainText(BODY_MAX).default('') });
export const readForm = z.object({ id: z.union([z.literal('all'), uuid()], { error: 'error_invalid' }) });

/** Community mail settings: the digest's rhythm and whether a mention is mailed at once (a checkbox: absent is no). */
export const mailSettingsForm = z.object({
	digest: z.enum(DIGEST_CHOICES, { error: 'error_choose' }),
	mentionMail: z.literal('yes', { error: 'error_invalid' }).optional().transform((v) => v === 'yes')
});

/** A comment on a content page: which page (`kind`, `path`), the text and its language. */
export const commentForm = z
	.object({
		kind: singleLine(20),
		path: singleLine(300),
		body: requiredText(BODY_MAX),
		language: z.enum(POST_LANGUAGES, { error: 'error_choose' })
	})
	.refine((f) => isContentRef(f), { error: 'error_invalid', path: ['path'] });

/** Where a moderator moves a thread: another open space, by slug. */
export const moveForm = z.object({ to: singleLine(120) });

/** A moderator suspends a post's author from the space for some days (0 lifts it). */
export const suspendForm = z.object({
	user: uuid(),
	days: z.enum(['0', ...SUSPENSION_DAYS.map(String)] as [string, ...string[]], { error: 'error_choose' }).transform(Number)
});

// Community of practice: public spaces by country and topic, private spaces for every
// organisation and cohort, threads and replies in Markdown, live replies, notifications,
// moderation. This file is the manifest and the public API.
import type { Capability } from '../capability.ts';
import { COMMUNITY_AUDIT_EVENTS } from './moderation.ts';
import { COMMUNITY_DATA } from './personal-data.ts';
import { THREAD_SEARCH } from './search.ts';
import { importSpaces } from './spaces.ts';
import { COMMUNITY_MAILS } from './mail.ts';
import { DIGEST_JOB, MENTIONED, mailMentions } from './digest.ts';

export * from './forms.ts';
export { comment, COMMENTS_SPACE, discussionOf, isContentRef, type ContentRef, type Discussion } from './comments.ts';
export { DIGEST_CHOICES, mailSettings, sendDueDigests, setMailSettings, setSettingsByToken, settingsByToken, type DigestChoice, type MailSettings } from './digest.ts';
export { excerpt, hasLink, renderPost } from './markdown.ts';
export * from './moderation.ts';
export { listNotifications, markRead, markThreadRead, mentions, setWatch, unreadCount, type NotificationView } from './notifications.ts';
export * from './spaces.ts';
export * from './threads.ts';
export { ALT_MAX, IMAGE_TYPES, readUpload, uploadImage, uploadPath, UPLOADS_PER_HOUR, type ImageInput } from './uploads.ts';
export { REACTIONS, type Reaction, type ReactionCount } from './reactions.ts';

export const community: Capability = {
	name: 'community',
	content: [{ type: 'community', import: importSpaces }],
	search: [THREAD_SEARCH],
	personalData: COMMUNITY_DATA,
	audit: COMMUNITY_AUDIT_EVENTS,
	mail: COMMUNITY_MAILS,
	events: { [MENTIONED]: mailMentions },
	jobs: [DIGEST_JOB]
};

// Request body limits for the course editor. Kept free of other imports on purpose:
// scripts/start.ts reads it before the app is loaded.
//
// adapter-node reads one global BODY_SIZE_LIMIT when build/handler.js is imported; scripts/start.ts
// sets it to AUTHORING_BODY_LIMIT (unless the operator set it) and enforces bodyLimitFor() on every
// request while the bytes arrive (http/body-limit.ts): only the two upload actions of the course
// editor get the large limit, and they check the content-edit right before reading the body.
import { COMMUNITY_IMAGE_MAX_BYTES, LIBRARY_MEDIA_MAX_BYTES, PERSONAL_FILE_MAX_BYTES } from '../../files/limits.ts';
import { COVER_RASTER_MAX_BYTES, MEDIA_TYPES } from '../content/index.ts';

/** The largest course package (.zip) the editor accepts. */
export const PACKAGE_MAX_BYTES = 100 * 1024 * 1024;
/** What a package may unpack to, and how many entries it may have (against zip bombs). */
export const PACKAGE_MAX_UNPACKED_BYTES = 600 * 1024 * 1024;
export const PACKAGE_MAX_ENTRIES = 5000;

/** The largest single lesson file (media-types.ts). */
export const LARGEST_LESSON_FILE_BYTES = Math.max(...Object.values(MEDIA_TYPES).map((t) => t.maxBytes));

// Room for the multipart envelope and the form's other fields.
const FORM_OVERHEAD_BYTES = 1024 * 1024;

/** The body limit the course editor's upload forms need: the largest package or lesson file, plus the form. */
export const AUTHORING_BODY_LIMIT = Math.max(PACKAGE_MAX_BYTES, LARGEST_LESSON_FILE_BYTES) + FORM_OVERHEAD_BYTES;

/** The body limit of the course editor's cover form: the largest cover, its alt texts and the envelope. */
export const COVER_BODY_LIMIT = Math.max(COVER_RASTER_MAX_BYTES, MEDIA_TYPES.svg.maxBytes) + 64 * 1024;

/** adapter-node's own default, kept for every other path. */
export const DEFAULT_BODY_LIMIT = 512 * 1024;

/** The body limit of a form that attaches one personal file (CPD evidence). */
export const PERSONAL_FILE_BODY_LIMIT = PERSONAL_FILE_MAX_BYTES + 64 * 1024;

/** The body limit of the form that attaches a file to a library resource (its media at most). */
export const LIBRARY_FILE_BODY_LIMIT = LIBRARY_MEDIA_MAX_BYTES + FORM_OVERHEAD_BYTES;

/** The body limit of a community post with an image: the image, the text and room for the form. */
export const COMMUNITY_POST_BODY_LIMIT = COMMUNITY_IMAGE_MAX_BYTES + FORM_OVERHEAD_BYTES;

// The actions that take files: `?/import` on the course list, `?/cover` on a course, `?/upload` on
// a lesson, `?/evidence` on a CPD entry, `?/upload` on a resource (both check the session before
// reading the body), and a community post with an image: a new thread (the page's one action, no
// name), a reply, an edit and an image inserted while writing (they open the space, which needs a
// session, before reading the body).
const UPLOAD_ACTIONS: [RegExp, string, number][] = [
	[/^\/[a-z]{2}\/editor\/courses\/?$/, 'import', AUTHORING_BODY_LIMIT],
	[/^\/[a-z]{2}\/editor\/courses\/[^/]+\/?$/, 'cover', COVER_BODY_LIMIT],
	[/^\/[a-z]{2}\/editor\/courses\/[^/]+\/lessons\/[^/]+\/?$/, 'upload', AUTHORING_BODY_LIMIT],
	[/^\/[a-z]{2}\/cpd\/[^/]+\/?$/, 'evidence', PERSONAL_FILE_BODY_LIMIT],
	[/^\/[a-z]{2}\/resources\/[^/]+\/?$/, 'upload', LIBRARY_FILE_BODY_LIMIT],
	[/^\/[a-z]{2}\/community\/[^/]+\/new\/?$/, '', COMMUNITY_POST_BODY_LIMIT],
	[/^\/[a-z]{2}\/community\/[^/]+\/uploads\/?$/, '', COMMUNITY_POST_BODY_LIMIT],
	[/^\/[a-z]{2}\/community\/[^/]+\/[^/]+\/?$/, 'reply', COMMUNITY_POST_BODY_LIMIT],
	[/^\/[a-z]{2}\/community\/[^/]+\/[^/]+\/?$/, 'edit', COMMUNITY_POST_BODY_LIMIT]
];

/**
 * The largest request body a request target (`req.url`) may carry. The path is normalised the way
 * the app will route it (`..`, `%2e%2e`), so `/en/editor/courses/../../signin` is the sign-in form.
 */
export function bodyLimitFor(target: string): number {
	let url: URL;
	try {
		url = new URL(`http://praxis.invalid${target.startsWith('/') ? '' : '/'}${target}`);
	} catch {
		return DEFAULT_BODY_LIMIT;
	}
	// SvelteKit takes the action's name from the first query parameter that starts with a slash.
	const action = [...url.searchParams.keys()].find((key) => key.startsWith('/'))?.slice(1);
	const upload = UPLOAD_ACTIONS.find(([path, name]) => path.test(url.pathname) && (action ?? '') === name);
	return upload ? upload[2] : DEFAULT_BODY_LIMIT;
}

// Request body limits for the course editor. Kept free of other imports on purpose:
// scripts/start.ts reads it before the app is loaded.
//
// What adapter-node does: build/handler.js reads BODY_SIZE_LIMIT from the environment once, when
// it is imported (default 512K), and every request body is cut off at that size with a 413
// (SvelteKit's getRequest checks Content-Length up front and counts streamed bytes). scripts/start.ts
// imports the handler itself, so it sets BODY_SIZE_LIMIT before that import unless the operator
// has set it; `vite dev` has no limit at all. Because the limit is global, start.ts also refuses
// a declared Content-Length above adapter-node's default on every path except the course editor's,
// so raising it for uploads does not let anyone post 100 MB to the sign-in form.
import { MEDIA_TYPES } from '../content/index.ts';

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

/** adapter-node's own default, kept for every other path. */
export const DEFAULT_BODY_LIMIT = 512 * 1024;

/** True for the course editor's pages (`/<locale>/editor/courses…`), the only ones that take uploads. */
export function isAuthoringPath(pathname: string): boolean {
	return /^\/[a-z]{2}\/editor\/courses(?:\/|$)/.test(pathname);
}

/** The largest request body a path accepts. */
export function bodyLimitFor(pathname: string): number {
	return isAuthoringPath(pathname) ? AUTHORING_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

/** True when a request declares a body larger than its path accepts (checked before the app reads it). */
export function declaresTooLargeBody(url: string | undefined, contentLength: string | undefined): boolean {
	if (!contentLength) return false;
	const length = Number(contentLength);
	if (!Number.isFinite(length)) return false;
	const pathname = (url ?? '/').split('?')[0]!;
	return length > bodyLimitFor(pathname);
}

// Kept free of imports: scripts/start.ts reads the body limits (learn/authoring/limits.ts) before
// the app is loaded.

/** The largest file a person may attach to their own things (CPD evidence; later resources). */
export const PERSONAL_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** The largest video a library resource takes (audio and the other files take less: resources/files.ts). */
export const LIBRARY_MEDIA_MAX_BYTES = 50 * 1024 * 1024;

/** The largest image a member puts in a community post. */
export const COMMUNITY_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

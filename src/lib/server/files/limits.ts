// Kept free of imports: scripts/start.ts reads the body limits (learn/authoring/limits.ts) before
// the app is loaded.

/** The largest file a person may attach to their own things (CPD evidence; later resources). */
export const PERSONAL_FILE_MAX_BYTES = 5 * 1024 * 1024;

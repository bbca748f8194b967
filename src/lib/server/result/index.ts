// The one shape every service answers in. A service never throws for something the person can put
// right or must be told (a refusal, a missing thing, bad input, a clash, a limit): it returns a
// problem, and `http/respond.ts` turns it into the same status and translated message everywhere.

/** Why a service refused. */
export type ProblemKind = 'forbidden' | 'not_found' | 'invalid' | 'conflict' | 'too_large' | 'rate_limited';

/**
 * A refusal: its kind, the form field it concerns and a message key (`error_…`, `org_error_…`)
 * shown translated next to that field, with the placeholders the message needs.
 */
export type Problem = { kind: ProblemKind; field?: string; key?: string; params?: Record<string, string> };

export type Failure = { ok: false; problem: Problem };
export type Result<T = null> = { ok: true; value: T } | Failure;

/** A success carrying `value`. */
export function ok<T>(value: T): { ok: true; value: T };
export function ok(): { ok: true; value: null };
export function ok<T>(value?: T) {
	return { ok: true as const, value: value === undefined ? null : value };
}

/** A refusal of `kind`, optionally about a `field` with a message `key` (and its `params`). */
export function problem(kind: ProblemKind, detail: Omit<Problem, 'kind'> = {}): Failure {
	return { ok: false, problem: { kind, ...detail } };
}

/** Whether a result is a refusal of one of `kinds` (for callers that treat some refusals alike). */
export function isProblem(result: Result<unknown>, ...kinds: ProblemKind[]): result is Failure {
	return !result.ok && (kinds.length === 0 || kinds.includes(result.problem.kind));
}

import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { message } from '../../i18n/message.ts';
import { m } from '../../paraglide/messages.js';
import type { Problem, ProblemKind, Result } from '../result/index.ts';

// The one place where a service's refusal becomes a response, for every capability. The rules:
// - a problem with a `field` is shown next to that field: `fail(status, { errors: { [field]: key } })`
//   with whatever the page needs to find its form again (`frame`: a section, the values typed);
// - a problem without a field is about the thing itself, and answers with an error page;
// - a `forbidden` or `not_found` without a message key is a 404 that reveals nothing: whoever may not
//   see a thing learns nothing, not even that it exists.

const STATUS: Record<ProblemKind, number> = {
	forbidden: 403,
	not_found: 404,
	invalid: 400,
	conflict: 409,
	too_large: 413,
	rate_limited: 429
};

type Frame = Record<string, unknown>;

export type RespondOptions<F extends Frame = Frame> = {
	/** What the page needs beside the errors to show them in the right form (`section`, `scope`, `values`, …). */
	frame?: F;
	/** A status other than the usual one for a kind (an invitation link that was used up: 410). */
	status?: Partial<Record<ProblemKind, number>>;
	/** Forms with a single message: `{ error: key }` instead of `{ errors: { [field]: key } }`. */
	single?: boolean;
};

function statusOf(kind: ProblemKind, options: RespondOptions): number {
	return options.status?.[kind] ?? STATUS[kind];
}

/** Throws the error page for a problem that is about the thing itself. */
function errorPage(problem: Problem, options: RespondOptions): never {
	if (!problem.key && (problem.kind === 'forbidden' || problem.kind === 'not_found')) error(404, m.error_not_found_title());
	error(statusOf(problem.kind, options), message(problem.key ?? 'error_invalid'));
}

/** What a page gets back with a refusal: its frame and the message key(s). */
export type Refused<F extends Frame> = F & { error?: string; errors?: Record<string, string>; params?: Record<string, Record<string, string>> };

/** A refusal as the page shows it (an `ActionFailure`), or the error page it calls for. */
export function refusal<F extends Frame = Record<never, never>>(problem: Problem, options: RespondOptions<F> = {}): ActionFailure<Refused<F>> {
	if (!problem.field) errorPage(problem, options);
	const key = problem.key ?? 'error_invalid';
	const status = statusOf(problem.kind, options);
	const frame = (options.frame ?? {}) as F;
	if (options.single) return fail(status, { ...frame, error: key });
	return fail(status, { ...frame, errors: { [problem.field]: key }, params: { [problem.field]: problem.params ?? {} } });
}

/**
 * What a form action returns for a service's result: `onOk(value)` on success (it may redirect),
 * else the refusal.
 */
export function respond<T, R, F extends Frame = Record<never, never>>(result: Result<T>, options: RespondOptions<F>, onOk: (value: T) => R): R | ActionFailure<Refused<F>> {
	return result.ok ? onOk(result.value) : refusal(result.problem, options);
}

/** The value of a result, or the error page of its problem: for loads and `+server.ts` endpoints. */
export function valueOf<T>(result: Result<T>, options: RespondOptions<Frame> = {}): T {
	if (result.ok) return result.value;
	return errorPage({ ...result.problem, field: undefined }, options);
}

/** Fields that did not pass the form's schema: 400, each message next to its field. */
export function invalidForm<F extends Frame = Record<never, never>>(errors: Record<string, string>, frame?: F): ActionFailure<F & { errors: Record<string, string> }> {
	return fail(400, { ...((frame ?? {}) as F), errors });
}

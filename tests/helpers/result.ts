import type { Result } from '../../src/lib/server/result/index.ts';

/** The value of a service result that must have succeeded; a refusal fails the test with its problem. */
export function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}

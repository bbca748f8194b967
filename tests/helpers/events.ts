import type { Database } from '../../src/lib/server/db/client.ts';
import { handlersOf, startDispatcher } from '../../src/lib/server/platform/events/index.ts';

/**
 * Runs the after-commit side effects waiting in the event table (search indexing, mail…), as the
 * app's dispatcher would, and returns when none is left.
 */
export async function runPendingEvents(database: Database): Promise<void> {
	const dispatcher = await startDispatcher(database, { handlersOf: handlersOf(), pollMs: 3_600_000 });
	try {
		await dispatcher.drain();
	} finally {
		await dispatcher.stop();
	}
}

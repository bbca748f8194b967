import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { StartupError } from '../config/index.ts';
import type { Database, Schema } from './client.ts';

/** Applies pending SQL migrations from `migrationsFolder`, in one transaction per run. */
export async function migrate(database: Database, migrationsFolder: string): Promise<void> {
	try {
		if (database.driver === 'pglite') {
			await migratePglite(database.db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
		} else {
			await migratePg(database.db as unknown as NodePgDatabase<Schema>, { migrationsFolder });
		}
	} catch (error) {
		const cause = (error as Error & { cause?: Error }).cause;
		throw new StartupError(`Database migration failed: ${cause?.message ?? (error as Error).message}`);
	}
}

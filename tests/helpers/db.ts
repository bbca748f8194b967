import pg from 'pg';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openPglite, openPostgres, type Database } from '../../src/lib/server/db/client.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';

export const MIGRATIONS = path.resolve('migrations');

export type TestDatabase = { name: string; open: () => Promise<Database> };

async function freshPostgres(adminUrl: string): Promise<Database> {
	const name = `praxis_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const database = await openPostgres(url.toString(), 2);
	return {
		...database,
		close: async () => {
			await database.close();
			const cleanup = new pg.Client({ connectionString: adminUrl });
			await cleanup.connect();
			await cleanup.query(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		}
	};
}

/**
 * The engines every integration test runs against: a fresh in-memory PGlite always, and a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set (CI sets it). Each is migrated.
 */
export function testDatabases(): TestDatabase[] {
	const engines: TestDatabase[] = [
		{
			name: 'pglite',
			open: async () => {
				const database = await openPglite(null);
				await migrate(database, MIGRATIONS);
				return database;
			}
		}
	];
	const url = process.env.TEST_DATABASE_URL;
	if (url) {
		engines.push({
			name: 'postgres',
			open: async () => {
				const database = await freshPostgres(url);
				await migrate(database, MIGRATIONS);
				return database;
			}
		});
	}
	return engines;
}

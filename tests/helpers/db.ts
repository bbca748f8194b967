import pg from 'pg';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/lib/server/db/client.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';

export const MIGRATIONS = path.resolve('migrations');

export type TestDatabase = { name: string; open: () => Promise<Database> };

// Read once per test file; every PGlite the file opens starts from this migrated data directory.
let dump: Blob | undefined;
function pgliteDump(): Blob | undefined {
	const file = inject('pgliteDump');
	if (!file) return undefined;
	dump ??= new Blob([fs.readFileSync(file)]);
	return dump;
}

type PgliteClient = { exec: (query: string) => Promise<unknown>; query: <T>(query: string) => Promise<{ rows: T[] }> };
const clientOf = (database: Database) => (database.db as unknown as { $client: PgliteClient }).$client;

// Starting a PGlite from the dump still costs a second of CPU (the WASM engine boots, the data
// directory is unpacked); emptying every table of one already open costs a few milliseconds. So a
// closed PGlite goes back to this file's pool, emptied, and the next `open()` takes it from there.
// On globalThis so that tests/helpers/setup-file.ts can close them without importing this module.
const idle: Database[] = ((globalThis as { praxisIdleDatabases?: Database[] }).praxisIdleDatabases ??= []);
let nonEmptyTables: string | undefined;

const USER_SCHEMAS = `schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`;

/** Brings an open PGlite back to the state of a freshly migrated one; false if it cannot be. */
async function reset(database: Database): Promise<boolean> {
	const client = clientOf(database);
	try {
		// A test that listened, or left a transaction open, gets a new database instead.
		const [state] = (
			await client.query<{ listening: number; txn: boolean }>(
				`select (select count(*) from pg_listening_channels())::int as listening, now() <> statement_timestamp() as txn`
			)
		).rows;
		if (!state || state.listening > 0 || state.txn) return false;
		// The migrations insert no rows, so "freshly migrated" means every table empty and every
		// sequence unused. Truncating only the tables a test wrote to is much cheaper than all.
		nonEmptyTables ??= (
			await client.query<{ statement: string }>(`
				select 'select array_remove(array[' || string_agg(format('case when exists (select from %I.%I) then %L end',
					schemaname, tablename, format('%I.%I', schemaname, tablename)), ', ') || '], null) as tables'
				as statement from pg_tables where ${USER_SCHEMAS}`)
		).rows[0]!.statement;
		const tables = (await client.query<{ tables: string[] }>(nonEmptyTables)).rows[0]!.tables;
		if (tables.length) await client.exec(`truncate ${tables.join(', ')} restart identity cascade`);
		await client.query(`select setval(format('%I.%I', schemaname, sequencename), start_value, false) from pg_sequences where last_value is not null and ${USER_SCHEMAS}`);
		await client.exec('reset all; discard temp;');
		return true;
	} catch {
		return false;
	}
}

function pooled(database: Database): Database {
	let closed = false;
	return {
		...database,
		close: async () => {
			if (closed) return;
			closed = true;
			if (await reset(database)) idle.push(database);
			else await database.close();
		}
	};
}

async function freshPglite(): Promise<Database> {
	const reused = idle.pop();
	if (reused) return pooled(reused);
	const loadDataDir = pgliteDump();
	if (loadDataDir) return pooled(await openPglite(null, { loadDataDir }));
	// Without the global setup (tests/helpers/global-setup.ts): initdb and every migration.
	const database = await openPglite(null);
	await migrate(database, MIGRATIONS);
	return database;
}

async function freshPostgres(adminUrl: string): Promise<Database> {
	const template = inject('postgresTemplate');
	// The creation time in the name lets the global setup drop what a killed run left behind.
	const name = `praxis_test_${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const database = await openPostgres(url.toString(), 2);
	if (!template) await migrate(database, MIGRATIONS);
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
 * PostgreSQL database when TEST_DATABASE_URL is set (CI sets it). Each `open()` gives a new, migrated
 * database of its own, so no test runs a migration: a PGlite loaded from the one migrated dump of
 * this run or one of those emptied after an earlier test of the file, or a copy of the run's
 * migrated template database (tests/helpers/global-setup.ts).
 */
export function testDatabases(): TestDatabase[] {
	const engines: TestDatabase[] = [{ name: 'pglite', open: freshPglite }];
	const url = process.env.TEST_DATABASE_URL;
	if (url) engines.push({ name: 'postgres', open: () => freshPostgres(url) });
	return engines;
}

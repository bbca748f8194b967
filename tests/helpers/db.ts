import pg from 'pg';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { openPglite, openPostgres, queryRows, type Database } from '../../src/lib/server/db/client.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';
import { sql } from 'drizzle-orm';
import { contentFingerprint, forgetContent, importAllContent } from '../../src/lib/server/platform/content.ts';
import { clearLearnCache } from '../../src/lib/server/learn/catalogue/cache.ts';
import { TEST_DATABASE_PREFIX } from './global-setup.ts';

export const MIGRATIONS = path.resolve('migrations');

export type TestDatabase = { name: string; open: () => Promise<Database> };

// Read once per worker; every PGlite the worker boots starts from this migrated data directory.
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
// closed PGlite goes back to the worker's pool, emptied, and the next `open()` takes it from there.
// On globalThis: one pool per worker, kept across its test files (they stay open until it exits).
const idle: Database[] = ((globalThis as { praxisIdleDatabases?: Database[] }).praxisIdleDatabases ??= []);
const USER_SCHEMAS = `schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`;
/** Makes the statement that lists the user tables holding at least one row (one `exists` per table). */
const NON_EMPTY_PROBE = `
	select 'select array_remove(array[' || string_agg(format('case when exists (select from %I.%I) then %L end',
		schemaname, tablename, format('%I.%I', schemaname, tablename)), ', ') || '], null) as tables'
	as statement from pg_tables where ${USER_SCHEMAS}`;
const probes = new Map<string, string>();

/** The user tables holding at least one row; the schema is the same for every database of a driver. */
async function nonEmptyTables(driver: string, query: <T>(text: string) => Promise<T[]>): Promise<string[]> {
	let probe = probes.get(driver);
	if (!probe) probes.set(driver, (probe = (await query<{ statement: string }>(NON_EMPTY_PROBE))[0]!.statement));
	return (await query<{ tables: string[] }>(probe))[0]!.tables;
}

/**
 * Brings a database back to the state of a freshly migrated one: the migrations insert no rows, so
 * that is every table empty and every sequence unused. Only the tables a test wrote to are emptied,
 * with DELETE and without the foreign-key triggers (a superuser's setting; PGlite's user is one),
 * so in any order: on PostgreSQL a TRUNCATE makes new files, which costs a fifth of a second here.
 */
async function emptyTables(driver: string, query: <T>(text: string) => Promise<T[]>): Promise<void> {
	const tables = await nonEmptyTables(driver, query);
	await query('begin');
	await query('set local session_replication_role = replica');
	for (const table of tables) await query(`delete from ${table}`);
	await query(`select setval(format('%I.%I', schemaname, sequencename), start_value, false) from pg_sequences where last_value is not null and ${USER_SCHEMAS}`);
	await query('commit');
}

/** Brings an open PGlite back to the state of a freshly migrated one; false if it cannot be. */
async function reset(database: Database): Promise<boolean> {
	const client = clientOf(database);
	try {
		// A test that listened gets a new database instead; a transaction a test left open is rolled
		// back. (Comparing now() with statement_timestamp() cannot tell: PGlite's extended-protocol
		// queries always differ, which sent every PGlite back to be booted again, a second each.)
		const [state] = (await client.query<{ listening: number }>(`select count(*)::int as listening from pg_listening_channels()`)).rows;
		if (!state || state.listening > 0) return false;
		await client.exec('rollback');
		await emptyTables(database.driver, async <T,>(text: string) => (await client.query<T>(text)).rows);
		await client.exec('reset all; discard temp; select pg_advisory_unlock_all();');
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

// The same for PostgreSQL: `CREATE DATABASE … TEMPLATE` costs 0.1–0.9 s on this kind of machine and
// emptying the few rows a test wrote a few milliseconds, so a closed test database is emptied and
// kept for the worker's next test. Each test still gets its own pool, so nothing of a session
// (LISTEN, settings, temporary tables) carries over. Dropped by the global teardown.
const idlePostgres: string[] = ((globalThis as { praxisIdlePostgres?: string[] }).praxisIdlePostgres ??= []);
// Test data need not survive a crash of the server: commits do not wait for the disk.
const testUrl = (adminUrl: string, name: string) => {
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	url.searchParams.set('options', '-c synchronous_commit=off');
	return url.toString();
};

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** Empties a closed test database; false if it cannot be (someone still connected, not a superuser). */
async function resetPostgres(url: string): Promise<boolean> {
	try {
		return await withClient(url, async (client) => {
			const others = await client.query(`select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
			if (others.rowCount) return false;
			await emptyTables('postgres', async (text) => (await client.query(text)).rows);
			return true;
		});
	} catch {
		return false;
	}
}

async function freshPostgres(adminUrl: string): Promise<Database> {
	let name = idlePostgres.pop();
	if (!name) {
		const template = inject('postgresTemplate');
		// The run's id lets the global teardown drop what this run made; the creation time in the
		// name lets a later run drop what a killed run left behind.
		name = `${TEST_DATABASE_PREFIX}${Math.floor(Date.now() / 1000)}_${inject('postgresRun')}_${randomBytes(6).toString('hex')}`;
		await withClient(adminUrl, (admin) => admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`));
		if (!template) {
			const database = await openPostgres(testUrl(adminUrl, name), 1);
			await migrate(database, MIGRATIONS).finally(() => database.close());
		}
	}
	const database = await openPostgres(testUrl(adminUrl, name), 2);
	let closed = false;
	return {
		...database,
		close: async () => {
			if (closed) return;
			closed = true;
			await database.close();
			if (await resetPostgres(testUrl(adminUrl, name))) idlePostgres.push(name);
			else await withClient(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
		}
	};
}

type Snapshot = { tables: { name: string; columns: string; rows: string }[]; sequences: { name: string; value: string }[] };
// Per worker and engine, by the caller's key: what `fill` wrote into an empty database.
const snapshots: Map<string, Snapshot> = ((globalThis as { praxisSnapshots?: Map<string, Snapshot> }).praxisSnapshots ??= new Map());
const noReplicaRole = new Set<string>();

/**
 * Gives a new, empty test database what `fill` writes into it (a content import, most often). The
 * first time a worker sees `key` on an engine, `fill` runs and its rows and sequences are kept; the
 * next times they are copied back in one statement per table, with triggers and foreign keys off
 * during the copy, which leaves the same rows as the import did (an import of the glossary, two
 * frameworks and a course takes 1–2 s on PGlite, the copy a tenth of that). The key must name
 * everything `fill` depends on. Imports store no folder paths, so two folders with the same files
 * give the same rows.
 */
async function seed(database: Database, key: string, fill: () => Promise<unknown>): Promise<void> {
	const db = database.db;
	const id = `${database.driver}\0${key}`;
	const kept = snapshots.get(id);
	// Switching the triggers off takes a superuser (PGlite's user is one; a PostgreSQL test role may
	// not be): without one, every test imports.
	if (kept && !noReplicaRole.has(database.driver)) {
		const restored = await db.transaction(async (tx) => {
			await tx.execute(sql`set local session_replication_role = replica`);
			for (const { name, columns, rows } of kept.tables) {
				await tx.execute(sql`insert into ${sql.raw(name)} (${sql.raw(columns)}) overriding system value
					select ${sql.raw(columns)} from json_populate_recordset(null::${sql.raw(name)}, ${rows}::json)`);
			}
			for (const { name, value } of kept.sequences) await tx.execute(sql`select setval(${name}, ${value}::bigint, true)`);
		}).then(
			() => true,
			(error: { code?: string; cause?: { code?: string } }) => {
				if ((error.cause?.code ?? error.code) !== '42501') throw error;
				noReplicaRole.add(database.driver);
				return false;
			}
		);
		if (restored) {
			forgetContent();
			clearLearnCache();
			return;
		}
	}
	const query = <T>(text: string) => queryRows<T>(db, sql.raw(text));
	const emptyBefore = (await nonEmptyTables(database.driver, query)).length === 0;
	await fill();
	if (!emptyBefore) return;
	const written = await nonEmptyTables(database.driver, query);
	const tables: Snapshot['tables'] = [];
	for (const name of written) {
		// Generated columns are computed again on insert.
		const [{ columns }] = (await queryRows<{ columns: string }>(
			db,
			sql`select string_agg(quote_ident(attname), ', ' order by attnum) as columns from pg_attribute
				where attrelid = ${name}::regclass and attnum > 0 and not attisdropped and attgenerated = ''`
		)) as [{ columns: string }];
		const [{ rows }] = (await queryRows<{ rows: string }>(db, sql`select json_agg(t)::text as rows from (select ${sql.raw(columns)} from ${sql.raw(name)}) t`)) as [
			{ rows: string }
		];
		tables.push({ name, columns, rows });
	}
	const sequences = await queryRows<{ name: string; value: string }>(
		db,
		sql.raw(`select format('%I.%I', schemaname, sequencename) as name, last_value::text as value from pg_sequences where last_value is not null and ${USER_SCHEMAS}`)
	);
	snapshots.set(id, { tables, sequences });
}

type ContentImport = [dir: string, options?: { only?: readonly string[] }];

/**
 * `importAllContent` of each folder in turn on a new, empty test database, or a copy of what the
 * same imports of the same files wrote before in this worker (see `seed`). Tests of the importers
 * themselves call `importAllContent`.
 */
export async function seedContent(database: Database, ...imports: ContentImport[]): Promise<void> {
	// The key: the files each import reads (the imported types' folders and the files beside them).
	const key = imports.map(([dir, options]) => contentFingerprint(dir, JSON.stringify(options ?? {}), options?.only)).join('\n');
	await seed(database, key, async () => {
		for (const [dir, options] of imports) await importAllContent(database.db, dir, options);
	});
}

/**
 * The engines every integration test runs against: a fresh in-memory PGlite always, and a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set (CI sets it). Each `open()` gives a new, migrated
 * database of its own, so no test runs a migration: a PGlite loaded from the one migrated dump of
 * this run or one of those emptied after an earlier test of the file, or a copy of the run's
 * migrated template database (tests/helpers/global-setup.ts) or one emptied after an earlier test
 * of the worker.
 */
export function testDatabases(): TestDatabase[] {
	const engines: TestDatabase[] = [{ name: 'pglite', open: freshPglite }];
	const url = process.env.TEST_DATABASE_URL;
	if (url) engines.push({ name: 'postgres', open: () => freshPostgres(url) });
	return engines;
}

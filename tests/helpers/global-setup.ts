// Vitest global setup: migrate once per run, not once per test. Runs in the main process before
// any worker starts and hands each engine's starting point to the tests (tests/helpers/db.ts):
// - PGlite: a tarball of a migrated in-memory store (`dumpDataDir`), cached on disk under a hash of
//   the migrations and the PGlite version, so an unchanged schema is not migrated again at all;
//   each test opens an in-memory PGlite from it (what `PGlite.clone()` does, without re-dumping).
// - PostgreSQL (TEST_DATABASE_URL): one migrated template database per run; each test gets
//   `CREATE DATABASE … TEMPLATE`, emptied when it closes and kept for the worker's next test; the
//   teardown drops them all.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/lib/server/db/client.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';

declare module 'vitest' {
	interface ProvidedContext {
		/** Path of a tarball of a migrated PGlite data directory. */
		pgliteDump: string;
		/** Name of a migrated template database on TEST_DATABASE_URL's server, or '' without one. */
		postgresTemplate: string;
		/** This run's id, in the name of every test database it makes (dropped at its end). */
		postgresRun: string;
	}
}

const MIGRATIONS = path.resolve('migrations');
const CACHE = path.resolve('node_modules/.cache/praxis-tests');
/** Test databases and templates carry their creation time, so a crashed run's leftovers can go. */
export const TEST_DATABASE_PREFIX = 'praxis_test_';
const TEMPLATE_PREFIX = 'praxis_tmpl_';
const STALE_AFTER_SECONDS = 6 * 3600;

function schemaKey(): string {
	const hash = createHash('sha256');
	const pglite = JSON.parse(fs.readFileSync(path.resolve('node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
	hash.update(`pglite ${pglite.version}\0`);
	const walk = (dir: string) => {
		for (const name of fs.readdirSync(dir).sort()) {
			const full = path.join(dir, name);
			if (fs.statSync(full).isDirectory()) walk(full);
			else hash.update(path.relative(MIGRATIONS, full)).update('\0').update(fs.readFileSync(full)).update('\0');
		}
	};
	walk(MIGRATIONS);
	return hash.digest('hex').slice(0, 16);
}

async function pgliteDump(): Promise<string> {
	const file = path.join(CACHE, `pglite-${schemaKey()}.tar`);
	if (fs.existsSync(file)) {
		// Marks it as in use for the clean-up below.
		const now = new Date();
		fs.utimesSync(file, now, now);
		return file;
	}
	const database = await openPglite(null);
	try {
		await migrate(database, MIGRATIONS);
		const client = (database.db as unknown as { $client: { dumpDataDir: (c: 'none') => Promise<Blob> } }).$client;
		const dump = await client.dumpDataDir('none');
		fs.mkdirSync(CACHE, { recursive: true });
		// Written aside and renamed: another run starting at the same time never reads half a file.
		const partial = `${file}.${process.pid}.partial`;
		fs.writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
		fs.renameSync(partial, file);
		// Dumps of other schemas unused for a day go; not sooner: another run in the same tree
		// (another branch's migrations, a migration being written) may be reading one now.
		for (const name of fs.readdirSync(CACHE)) {
			const other = path.join(CACHE, name);
			if (name.startsWith('pglite-') && other !== file && Date.now() - fs.statSync(other).mtimeMs > 24 * 3_600_000) fs.rmSync(other, { force: true });
		}
	} finally {
		await database.close();
	}
	return file;
}

async function withAdmin<T>(url: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	try {
		return await fn(admin);
	} finally {
		await admin.end();
	}
}

/** Drops test databases and templates left behind by runs that were killed hours ago. */
async function dropStale(admin: pg.Client): Promise<void> {
	const now = Math.floor(Date.now() / 1000);
	const { rows } = await admin.query<{ datname: string }>(
		`select datname from pg_database where datname like '${TEST_DATABASE_PREFIX}%' or datname like '${TEMPLATE_PREFIX}%'`
	);
	for (const { datname } of rows) {
		const created = Number(datname.split('_')[2]);
		if (Number.isFinite(created) && now - created > STALE_AFTER_SECONDS) {
			await admin.query(`drop database if exists ${datname} with (force)`).catch(() => {});
		}
	}
}

async function postgresTemplate(url: string): Promise<{ name: string; drop: () => Promise<void> }> {
	const name = `${TEMPLATE_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
	await withAdmin(url, async (admin) => {
		await dropStale(admin);
		await admin.query(`create database ${name}`);
	});
	const templateUrl = new URL(url);
	templateUrl.pathname = `/${name}`;
	// Nobody may stay connected to a template: CREATE DATABASE … TEMPLATE refuses then.
	const database = await openPostgres(templateUrl.toString(), 1);
	try {
		await migrate(database, MIGRATIONS);
		// Test databases are emptied with DELETE and reused (tests/helpers/db.ts). Without autovacuum
		// handing the freed space to the next inserts, a table's rows stay in the order they were
		// written, as in a new database.
		await database.db.execute(
			sql.raw(`do $$ declare t text; begin
				for t in select format('%I.%I', schemaname, tablename) from pg_tables where schemaname not in ('pg_catalog', 'information_schema') loop
					execute format('alter table %s set (autovacuum_enabled = false)', t);
				end loop; end $$`)
		);
	} finally {
		await database.close();
	}
	return {
		name,
		drop: () => withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`).then(() => {}))
	};
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const url = process.env.TEST_DATABASE_URL;
	const [dump, template] = await Promise.all([pgliteDump(), url ? postgresTemplate(url) : undefined]);
	project.provide('pgliteDump', dump);
	project.provide('postgresTemplate', template?.name ?? '');
	const run = randomBytes(4).toString('hex');
	project.provide('postgresRun', run);
	return async () => {
		if (!url) return;
		await withAdmin(url, async (admin) => {
			const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${TEST_DATABASE_PREFIX}%\\_${run}\\_%`]);
			for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
		});
		await template?.drop();
	};
}

import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { redactDatabaseUrl, StartupError } from '../config/index.ts';
import { acquireDataDirLock } from './lock.ts';
import { checkChannel, postgresListener, type Unlisten } from './listen.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: services take either, so callers can compose. */
export type DbOrTx = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
	db: DbOrTx;
	driver: 'pglite' | 'postgres';
	/** Where the data lives, for the operator (password hidden). */
	location: string;
	/**
	 * Calls `onPayload` with each NOTIFY payload on `channel` (after the sending transaction
	 * commits), until the returned function is called. PGlite delivers in-process; on PostgreSQL a
	 * dedicated connection outside the pool listens, reconnecting when it breaks.
	 */
	listen: (channel: string, onPayload: (payload: string) => void) => Promise<Unlisten>;
	/**
	 * Runs `work` while no other app instance on this database runs its own (migrations and the
	 * content import at start-up). PostgreSQL: a session advisory lock on a connection of its own;
	 * PGlite has one process per data folder (its lock file), so it just runs.
	 */
	exclusive: <T>(work: () => Promise<T>) => Promise<T>;
	/** Flushes and closes; safe to call twice. */
	close: () => Promise<void>;
};

/** The advisory lock key of the start-up work (any constant; this one spells "praxis"). */
const START_LOCK = 0x707261786973;

export type { Unlisten } from './listen.ts';

// PGlite's own bytea codec goes byte by byte through JS strings: seconds of CPU for the 15 MB of
// course media at every content import, and again when media is read. Node's hex codec: milliseconds.
const BYTEA = 17;
const parsers = { [BYTEA]: (text: string) => new Uint8Array(Buffer.from(text.slice(2), 'hex')) };
const serializers = {
	[BYTEA]: (value: unknown) =>
		value instanceof Uint8Array ? `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}` : String(value)
};

/**
 * Opens the embedded PGlite store in `dataDir`, holding its lock until closed. With `loadDataDir`
 * (a tarball from `dumpDataDir`), an in-memory store starts as a copy of that one: tests start
 * each database from one migrated dump instead of running initdb and every migration again.
 */
export async function openPglite(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<Database> {
	const release = dataDir ? acquireDataDirLock(dataDir) : () => {};
	let client: PGlite;
	try {
		// The same extensions a PostgreSQL server provides from its contrib package.
		const extensions = { pg_trgm, unaccent };
		client = dataDir
			? await PGlite.create(`${dataDir}/pglite`, { extensions, parsers, serializers })
			: await PGlite.create({ extensions, parsers, serializers, loadDataDir: options.loadDataDir });
	} catch (error) {
		release();
		throw new StartupError(`Could not open the embedded database in ${dataDir}: ${(error as Error).message}`);
	}
	let closed = false;
	return {
		db: drizzlePglite(client, { schema }) as unknown as DbOrTx,
		driver: 'pglite',
		location: dataDir ?? 'memory',
		listen: async (channel, onPayload) => {
			checkChannel(channel);
			const stop = await client.listen(channel, onPayload);
			return async () => {
				if (!closed) await stop();
			};
		},
		exclusive: (work) => work(),
		close: async () => {
			if (closed) return;
			closed = true;
			try {
				// PGlite does not fsync on every commit; a checkpoint writes everything out.
				await client.exec('CHECKPOINT');
				await client.close();
			} finally {
				release();
			}
		}
	};
}

/** Connects to PostgreSQL and checks it answers, failing with one clear line if not. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
	// An idle client that loses its connection must not crash the process.
	pool.on('error', () => {});
	try {
		const client = await pool.connect();
		client.release();
	} catch (error) {
		await pool.end().catch(() => {});
		const reason = (error as Error).message || (error as NodeJS.ErrnoException).code || 'no answer';
		throw new StartupError(`Invalid DATABASE_URL=${redactDatabaseUrl(url)}: cannot connect (${reason})`);
	}
	let closed = false;
	const listener = postgresListener(url);
	return {
		db: drizzlePg(pool, { schema }) as unknown as DbOrTx,
		driver: 'postgres',
		location: redactDatabaseUrl(url),
		listen: listener.listen,
		exclusive: async (work) => {
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			try {
				await client.query('select pg_advisory_lock($1)', [START_LOCK]);
				return await work();
			} finally {
				await client.end();
			}
		},
		close: async () => {
			if (closed) return;
			closed = true;
			await listener.close();
			await pool.end();
		}
	};
}

/** Rows of a raw SQL query; PGlite and node-postgres both answer with `{ rows }`. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows: T[] };
	return result.rows;
}

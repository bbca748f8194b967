import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config/index.ts';
import { openPglite, openPostgres, type Database, type DbOrTx } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { importContentIfChanged, summariseImport } from './content.ts';
import { logger } from '../log/index.ts';
import { purgeSessions } from '../accounts/sessions.ts';
import { purgeAuditEvents } from '../audit/index.ts';
import { purgeOutbox } from '../mail/index.ts';
import { purgeRateLimits } from '../ratelimit/index.ts';
import { purgeEvents, startEvents, type Events } from './events/index.ts';
import { closeAll as closeAllStreams } from '../realtime/index.ts';
import { expireLiveSessions } from '../cards/index.ts';
import { CAPABILITIES } from '../capabilities.ts';

let database: Database | undefined;
let housekeeping: NodeJS.Timeout | undefined;
let jobTimers: NodeJS.Timeout[] = [];
let events: Events | undefined;

/**
 * Deletes what has outlived its purpose: expired sessions, old rate-limit windows, old audit
 * events, finished events, links of undelivered mails and old mails.
 */
export async function purgeExpired(handle: DbOrTx): Promise<void> {
	const c = config();
	await purgeSessions(handle);
	await purgeRateLimits(handle);
	await purgeAuditEvents(handle, c.auditRetentionDays);
	await purgeEvents(handle);
	await purgeOutbox(handle, { linkHours: c.mailLinkHours, retentionDays: c.mailRetentionDays });
	await expireLiveSessions(handle, c.cardLiveRetentionDays);
}

/**
 * What the running code is: the production build's stamp (a hash of its sources, written by
 * scripts/lib/build-stamp.ts), or a fresh value when there is none (dev), so the import runs.
 */
export function codeStamp(): string {
	if (config().nodeEnv === 'development') return randomUUID();
	try {
		return fs.readFileSync(path.resolve('build/.praxis-build-stamp'), 'utf8');
	} catch {
		return randomUUID();
	}
}

/** Opens the configured database, applies migrations and imports the shipped content (unless unchanged). */
export async function startApp(): Promise<Database> {
	const c = config();
	const opened = c.databaseUrl
		? await openPostgres(c.databaseUrl, c.databasePoolSize)
		: await openPglite(c.dataDir);
	try {
		// Instances started together on one PostgreSQL migrate and import one after the other.
		const reports = await opened.exclusive(async () => {
			await migrate(opened, c.migrationsDir);
			return importContentIfChanged(opened.db, c.contentDir, codeStamp());
		});
		if (reports) for (const line of summariseImport(reports)) logger.info({ event: 'content_import' }, line);
		else logger.info({ event: 'content_import' }, 'content unchanged since the last import: skipped');
	} catch (error) {
		await opened.close();
		throw error;
	}
	database = opened;
	// After the import: the dispatcher then sends what an earlier run left unsent.
	events = await startEvents(opened);
	await purgeExpired(opened.db);
	housekeeping = setInterval(() => {
		purgeExpired(opened.db).catch((error: Error) => logger.warn({ event: 'purge_failed', err: error.message }, 'purge failed'));
	}, 3_600_000);
	housekeeping.unref();
	jobTimers = startJobs(opened.db);
	logger.info({ event: 'database_ready', driver: opened.driver, location: opened.location }, 'database ready');
	return opened;
}

/** Runs each capability's scheduled jobs every so often (the first run one interval after start). */
function startJobs(handle: DbOrTx): NodeJS.Timeout[] {
	return CAPABILITIES.flatMap((capability) => capability.jobs ?? []).map((job) => {
		let running = false;
		const timer = setInterval(() => {
			if (running) return;
			running = true;
			job
				.run(handle)
				.catch((error: Error) => logger.warn({ event: 'job_failed', job: job.name, err: error.message }, 'scheduled job failed'))
				.finally(() => (running = false));
		}, job.everySeconds() * 1000);
		timer.unref();
		return timer;
	});
}

/** The app's database; only valid after startApp. */
export function db(): DbOrTx {
	if (!database) throw new Error('The database is not open yet');
	return database.db;
}

/** Answers whether the database responds, for /readyz. */
export async function databaseAnswers(): Promise<boolean> {
	if (!database) return false;
	try {
		await database.db.execute('select 1');
		return true;
	} catch {
		return false;
	}
}

/**
 * Ends the open event streams, stops the event dispatcher (waiting for the events in hand) and
 * closes the database (checkpointing the embedded store); the last step of a graceful shutdown.
 */
export async function stopApp(): Promise<void> {
	const opened = database;
	database = undefined;
	clearInterval(housekeeping);
	for (const timer of jobTimers) clearInterval(timer);
	jobTimers = [];
	closeAllStreams();
	await events?.stop().catch((error: Error) => logger.warn({ event: 'events_stop_failed', err: error.message }, 'event dispatcher did not stop cleanly'));
	events = undefined;
	await opened?.close();
	logger.info({ event: 'database_closed' }, 'database closed');
}

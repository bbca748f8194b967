// `npm run content:import [-- --force]`: validate and import content/ into the configured database.
// With the embedded store, stop the server first (it holds the data folder's lock).
import { config } from '../src/lib/server/config/index.ts';
import { openPglite, openPostgres } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { codeStamp } from '../src/lib/server/platform/app.ts';
import { importContentRecorded, summariseImport } from '../src/lib/server/platform/content.ts';

const force = process.argv.includes('--force');

try {
	const c = config();
	const database = c.databaseUrl ? await openPostgres(c.databaseUrl) : await openPglite(c.dataDir);
	try {
		await migrate(database, c.migrationsDir);
		// Recorded with the build's stamp: the next start with these files and this build skips its import.
		const reports = await importContentRecorded(database.db, c.contentDir, codeStamp(), { force });
		for (const line of summariseImport(reports)) console.log(line);
	} finally {
		await database.close();
	}
} catch (error) {
	if (error instanceof Error && (error.name === 'StartupError' || error.name === 'ContentError')) {
		console.error(`praxis: ${error.message}`);
		process.exit(1);
	}
	throw error;
}

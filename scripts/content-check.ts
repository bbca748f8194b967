// `npm run content:check`: validates every file in content/ by importing it into a throwaway
// in-memory database (the real importer, so every rule applies); touches no data folder.
import { config } from '../src/lib/server/config/index.ts';
import { openPglite } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { importAllContent, summariseImport } from '../src/lib/server/content/import.ts';

const c = config();
const database = await openPglite(null);
try {
	await migrate(database, c.migrationsDir);
	const reports = await importAllContent(database.db, c.contentDir);
	for (const line of summariseImport(reports)) console.log(line.replace(' new,', ' valid,').replace(/, 0 updated, 0 unchanged/, ''));
} catch (error) {
	if (error instanceof Error && (error.name === 'ContentError' || error.name === 'StartupError')) {
		console.error(`praxis: ${error.message}`);
		process.exitCode = 1;
	} else throw error;
} finally {
	await database.close();
}

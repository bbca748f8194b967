// `npm run admin:create -- --email admin@example.org [--name "Ada Admin"]`
// Creates an administrator (or promotes an existing account) and prints a one-time link, valid
// for 72 hours, to set the password. With the embedded store, stop the server first.
import { parseArgs } from 'node:util';
import { config, publicOrigin } from '../src/lib/server/config/index.ts';
import { openPglite, openPostgres } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { createAdmin } from '../src/lib/server/accounts/service.ts';
import { emailForm } from '../src/lib/server/accounts/forms.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
const parsed = emailForm.safeParse({ email: values.email ?? '' });
if (!parsed.success) {
	console.error('praxis: usage: npm run admin:create -- --email admin@example.org [--name "Ada Admin"]');
	process.exit(1);
}

try {
	const c = config();
	const database = c.databaseUrl ? await openPostgres(c.databaseUrl) : await openPglite(c.dataDir);
	try {
		await migrate(database, c.migrationsDir);
		const origin = publicOrigin(c);
		const link = await createAdmin(database.db, parsed.data.email, values.name?.trim() || 'Administrator', origin);
		console.log(`Administrator ${parsed.data.email} is ready. Set the password within 72 hours at:\n${link}`);
	} finally {
		await database.close();
	}
} catch (error) {
	if (error instanceof Error && error.name === 'StartupError') {
		console.error(`praxis: ${error.message}`);
		process.exit(1);
	}
	throw error;
}

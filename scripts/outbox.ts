// `npm run outbox [-- --to person@example.org] [--last 5]`
// Prints the newest mails with their links, for an operator on the server when no SMTP server is
// configured (development, a trial install): the web outbox never shows links. With the embedded
// store, stop the server first (one process owns ./data); with DATABASE_URL it can run beside it.
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config/index.ts';
import { openPglite, openPostgres } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { outboxWithLinks } from '../src/lib/server/mail/index.ts';

const { values } = parseArgs({ options: { to: { type: 'string' }, last: { type: 'string', default: '5' } } });
const last = Number(values.last);
if (!Number.isInteger(last) || last < 1 || last > 1000) {
	console.error('praxis: usage: npm run outbox -- [--to person@example.org] [--last 5]');
	process.exit(1);
}

try {
	const c = config();
	const database = c.databaseUrl ? await openPostgres(c.databaseUrl) : await openPglite(c.dataDir);
	try {
		await migrate(database, c.migrationsDir);
		const mails = await outboxWithLinks(database.db, last, values.to);
		if (!mails.length) console.log('No mails.');
		for (const mail of mails.reverse()) {
			const state = mail.sentAt ? `sent ${mail.sentAt.toISOString()}` : 'not delivered';
			console.log(`── #${mail.id} to ${mail.to} · ${mail.createdAt.toISOString()} · ${state}\nSubject: ${mail.subject}\n\n${mail.text}`);
		}
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

// Issue 16, defect 10: a failed query's parameters (what people typed) ended up in the error log.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { errorForLog, logger } from '../../src/lib/server/log/index.ts';
import { testDatabases } from '../helpers/db.ts';

const secret = 'private.person@example.org';

describe.each(testDatabases())('error logs on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	it('name the error class and constraint of a failed query, never its parameters', async () => {
		const row = { email: secret, displayName: 'Private Person', locale: 'en', country: 'NO', sector: 'school' };
		await database.db.insert(user).values(row);
		const error = await database.db.insert(user).values(row).then(() => null, (e: unknown) => e);
		expect(error).not.toBeNull();
		// What pino wrote before: the query's parameters in the message.
		expect(JSON.stringify(pino.stdSerializers.err(error as Error))).toContain(secret);

		const lines: string[] = [];
		const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
		// The app's logger's own serializer, on a logger that writes here.
		const serializers = (logger as unknown as Record<symbol, Record<string, unknown>>)[pino.symbols.serializersSym];
		expect(serializers?.err).toBe(errorForLog);
		pino({ serializers: { err: errorForLog } }, sink).error({ reqId: 'r-1', err: error }, 'unhandled error');
		const logged = lines.join('');
		expect(logged).not.toContain(secret);
		expect(logged).not.toContain('Private Person');
		expect(JSON.parse(logged)).toMatchObject({ reqId: 'r-1', err: { type: 'DrizzleQueryError', code: '23505', constraint: 'app_user_email_idx' } });
	});
});

describe('other errors', () => {
	it('keep the first line of their message and their stack frames', () => {
		const logged = errorForLog(new TypeError('x is undefined\nsecond line'));
		expect(logged).toMatchObject({ type: 'TypeError', message: 'x is undefined' });
		expect(String(logged.stack)).toMatch(/^ {4}at /);
	});
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactDatabaseUrl } from '../../src/lib/server/config/index.ts';

describe('configuration', () => {
	it('starts with sensible defaults and no settings at all', () => {
		const c = loadConfig({});
		expect(c.port).toBe(3000);
		expect(c.dataDir).toBe(path.resolve('data'));
		expect(c.databaseUrl).toBeUndefined();
		expect(c.trustProxy).toBe(false);
	});

	it.each([
		[{ PORT: 'abc' }, /^Invalid PORT="abc": must be a whole number/],
		[{ PORT: '70000' }, /^Invalid PORT="70000"/],
		[{ DATABASE_URL: 'mysql://x' }, /^Invalid DATABASE_URL=.*must start with postgres/],
		[{ PUBLIC_ORIGIN: 'praxis.example.org' }, /^Invalid PUBLIC_ORIGIN=/],
		[{ TRUST_PROXY: 'maybe' }, /^Invalid TRUST_PROXY="maybe"/],
		[{ LOG_LEVEL: 'loud' }, /^Invalid LOG_LEVEL="loud"/]
	])('refuses %o with one line naming the variable', (env, message) => {
		expect(() => loadConfig(env)).toThrowError(message);
		try {
			loadConfig(env);
		} catch (error) {
			expect((error as Error).name).toBe('StartupError');
			expect((error as Error).message).not.toContain('\n');
		}
	});

	it('never shows a database password', () => {
		expect(redactDatabaseUrl('postgres://u:secret@db:5432/praxis')).toBe('postgres://u:***@db:5432/praxis');
		expect(() => loadConfig({ DATABASE_URL: 'postgres://u:secret@db/x', DATABASE_POOL_SIZE: '0' })).toThrowError(
			/DATABASE_POOL_SIZE/
		);
	});

	it('keeps only the origin of PUBLIC_ORIGIN', () => {
		expect(loadConfig({ PUBLIC_ORIGIN: 'https://praxis.example.org/some/path' }).publicOrigin).toBe(
			'https://praxis.example.org'
		);
	});
});

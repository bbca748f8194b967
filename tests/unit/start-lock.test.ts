import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/lib/server/db/client.ts';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('instances starting together on one PostgreSQL', () => {
	it('run their start-up work (migrations, content import) one after the other', async () => {
		const a = await openPostgres(url!, 2);
		const b = await openPostgres(url!, 2);
		try {
			const log: string[] = [];
			const work = (name: string) => async () => {
				log.push(`${name} begins`);
				await new Promise((resolve) => setTimeout(resolve, 300));
				log.push(`${name} ends`);
				return name;
			};
			const results = await Promise.all([a.exclusive(work('a')), b.exclusive(work('b'))]);
			expect(results).toEqual(['a', 'b']);
			// Never two at once: whichever went first ended before the other began.
			const first = log[0]!.split(' ')[0];
			const second = first === 'a' ? 'b' : 'a';
			expect(log).toEqual([`${first} begins`, `${first} ends`, `${second} begins`, `${second} ends`]);
			// The lock is released when the work fails, too.
			await expect(a.exclusive(async () => Promise.reject(new Error('migration failed')))).rejects.toThrow('migration failed');
			expect(await b.exclusive(async () => 'after')).toBe('after');
		} finally {
			await a.close();
			await b.close();
		}
	});
});

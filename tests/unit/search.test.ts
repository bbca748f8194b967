import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAllContent } from '../../src/lib/server/platform/content.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { sql } from 'drizzle-orm';
import { clearSearchCache, indexSearchItem, SEARCH_PAGE_SIZE, SEARCH_TYPES, searchEverything as search, suggestQuery } from '../../src/lib/server/platform/search.ts';
import { testDatabases } from '../helpers/db.ts';
import { LOCALES } from '../../src/lib/i18n/locales.ts';

// Search runs over the shipped content, imported into a fresh database.
function contentWithFixture(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-search-'));
	fs.cpSync(path.resolve('content'), dir, { recursive: true });
	return dir;
}

describe.each(testDatabases())('search on $name', ({ open }) => {
	let database: Database;
	// All the shipped content, with the courses' media: allow for a machine busy with other work.
	beforeAll(async () => {
		database = await open();
		await importAllContent(database.db, contentWithFixture());
	}, 180_000);
	afterAll(async () => {
		await database.close();
	});

	it.each([
		['en', 'career guidance', '/glossary/career-guidance'],
		['nb', 'karriereveiledning', '/glossary/career-guidance'],
		['cs', 'kariérové poradenství', '/glossary/career-guidance'],
		['sk', 'kariérové poradenstvo', '/glossary/career-guidance'],
		['pl', 'doradztwo kariery', '/glossary/career-guidance'],
		['nb', 'karriereknappene', '/glossary/career-buttons'],
		['en', 'career buttons', '/frameworks/career-learning-in-context'],
		['en', 'Seeing the whole system', '/learn/foundations/working-systemically/systems-theory-framework'],
		['en', 'Foundations of career guidance practice', '/learn/foundations'],
		['cs', 'vidět celý systém', '/learn/foundations/working-systemically/systems-theory-framework']
	] as const)('finds a term in its own language (%s: %s)', async (locale, query, path) => {
		const { hits } = await search(database.db, locale, query);
		// The first six: a library resource titled after the subject ("…working with the career buttons") may rank beside it.
		expect(hits.slice(0, 6).map((h) => h.path), JSON.stringify(hits.slice(0, 6).map((h) => h.path))).toContainEqual(expect.stringContaining(path));
	});

	it.each([
		['en', 'carrer', 'career'],
		['en', 'guidence', 'guidance'],
		['en', 'ethcs', 'ethics']
	] as const)('suggests a word of the titles for a query that finds nothing (%s: %s → %s)', async (locale, typed, meant) => {
		expect((await search(database.db, locale, typed)).hits).toEqual([]);
		const suggestion = await suggestQuery(database.db, locale, typed);
		expect(suggestion).toBe(meant);
		expect((await search(database.db, locale, suggestion!)).hits.length).toBeGreaterThan(0);
	});

	it('suggests nothing for words that are already right or have no neighbour', async () => {
		expect(await suggestQuery(database.db, 'en', 'career')).toBeNull();
		expect(await suggestQuery(database.db, 'en', 'zzqxwv')).toBeNull();
	});

	it('ranks an exact title match first', async () => {
		const { hits } = await search(database.db, 'en', 'Co-careering');
		expect(hits[0]).toMatchObject({ path: '/glossary/co-careering', type: 'glossary' });
	});

	it('tolerates a typo and missing accents', async () => {
		expect((await search(database.db, 'en', 'co-carreering')).hits[0]?.path).toBe('/glossary/co-careering');
		expect((await search(database.db, 'cs', 'karierove poradenstvi')).hits.map((h) => h.path)).toContain('/glossary/career-guidance');
	});

	it('shows lesson text without its Markdown: no table bars, link targets or heading marks in snippets', async () => {
		const { counts } = await search(database.db, 'en', 'career', { type: 'course' });
		const { hits } = await search(database.db, 'en', 'career', { type: 'course', limit: counts.course });
		const text = hits.flatMap((h) => h.snippet.map((p) => p.text)).join(' ');
		expect(hits.length).toBeGreaterThan(20);
		expect(text).not.toMatch(/[|#]|\]\(|:::/);
	});

	it('pages through the hits: the same counts on every page, the next hits in rank order', async () => {
		const first = await search(database.db, 'en', 'career');
		const second = await search(database.db, 'en', 'career', { offset: SEARCH_PAGE_SIZE });
		const both = await search(database.db, 'en', 'career', { limit: 2 * SEARCH_PAGE_SIZE });
		expect(Object.values(first.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(2 * SEARCH_PAGE_SIZE);
		expect(first.hits).toHaveLength(SEARCH_PAGE_SIZE);
		expect(second.counts).toEqual(first.counts);
		const ids = (hits: typeof first.hits) => hits.map((h) => `${h.locale}${h.path}`);
		expect([...ids(first.hits), ...ids(second.hits)]).toEqual(ids(both.hits));
	});

	it('searches only the reader’s language and filters by type with counts', async () => {
		const all = await search(database.db, 'en', 'ethics');
		expect(all.counts.glossary).toBeGreaterThan(0);
		expect(all.counts.framework).toBeGreaterThan(0);
		const frameworks = await search(database.db, 'en', 'ethics', { type: 'framework' });
		expect(frameworks.hits.every((h) => h.type === 'framework')).toBe(true);
		expect((await search(database.db, 'pl', 'the ethical guidelines')).hits.filter((h) => h.title.startsWith('The '))).toEqual([]);
	});

	it.each([
		['en', 'CMS', '/glossary/career-management-skills'],
		['cs', 'cms', '/glossary/career-management-skills'],
		['pl', 'PES', '/glossary/public-employment-service'],
		['sk', 'LMI', '/glossary/labour-market-information']
	] as const)('finds what an acronym stands for (%s: %s)', async (locale, query, path) => {
		const { hits } = await search(database.db, locale, query);
		expect(hits.slice(0, 5).map((h) => h.path), JSON.stringify(hits.slice(0, 5).map((h) => h.path))).toContain(path);
	});

	it('searches every language when asked, each hit in its own', async () => {
		// A Norwegian word from an English page: nothing in English, the Norwegian term in all languages.
		expect((await search(database.db, 'en', 'karriereveiledning', { type: 'glossary' })).hits.filter((h) => h.path === '/glossary/career-guidance')).toEqual([]);
		const { hits } = await search(database.db, 'en', 'karriereveiledning', { allLanguages: true });
		expect(hits.find((h) => h.path === '/glossary/career-guidance')).toMatchObject({ locale: 'nb', title: expect.stringContaining('Karriereveiledning') });
		const ethics = await search(database.db, 'en', 'etika', { allLanguages: true });
		expect(new Set(ethics.hits.map((h) => h.locale))).toEqual(new Set(['cs', 'sk']));
	});

	it('highlights matches as text parts, never as markup from the content', async () => {
		const { hits } = await search(database.db, 'en', 'labour market information');
		const marked = hits.flatMap((h) => h.snippet.filter((p) => p.mark).map((p) => p.text.toLowerCase()));
		expect(marked.some((t) => t.startsWith('labour') || t.startsWith('market'))).toBe(true);
		// Nothing to look for: no hits, and a zero for every searchable type.
		expect(await search(database.db, 'en', '   ')).toEqual({ hits: [], counts: Object.fromEntries(SEARCH_TYPES.map((type) => [type, 0])) });
		expect((await search(database.db, 'en', "'); drop table search_document; --")).hits).toEqual(expect.any(Array));
	});

	it('answers a repeated search from its cache until the index changes', async () => {
		const title = 'Zyxwv cached-search probe';
		const before = await search(database.db, 'en', 'zyxwv');
		expect(before.hits).toEqual([]);
		// A row written behind the index's back is not seen: the answer came from the cache…
		await database.db.execute(sql`insert into search_document (type, ref, locale, path, title, body, config, tsv)
			values ('glossary', 'glossary:zyxwv', 'en', '/glossary/zyxwv', ${title}, '', 'english', to_tsvector('english', ${title}))`);
		expect((await search(database.db, 'en', 'zyxwv')).hits).toEqual([]);
		expect((await search(database.db, 'en', 'zyxwv', { cache: false })).hits.map((h) => h.title)).toEqual([title]);
		// …and a re-index (here of that one item, which removes it: no such term) clears it.
		await database.db.execute(sql`delete from search_document where ref = 'glossary:zyxwv'`);
		await database.db.execute(sql`insert into search_document (type, ref, locale, path, title, body, config, tsv)
			values ('card', 'card:zyxwv', 'en', '/cards/zyxwv', ${title}, '', 'english', to_tsvector('english', ${title}))`);
		await indexSearchItem(database.db, 'glossary:zyxwv');
		expect((await search(database.db, 'en', 'zyxwv')).hits.map((h) => h.path)).toEqual(['/cards/zyxwv']);
		await database.db.execute(sql`delete from search_document where ref = 'card:zyxwv'`);
		clearSearchCache();
		expect((await search(database.db, 'en', 'zyxwv')).hits).toEqual([]);
	});
});

describe('search result kinds', () => {
	// The search page labels each hit by its kind: a new searchable type needs its name in every language.
	it.each(LOCALES)('every searchable type has a name in %s', (locale) => {
		const files = [path.resolve('messages', `${locale}.json`), ...fs.globSync(`messages/*/${locale}.json`).map((f) => path.resolve(f))];
		const keys = new Set(files.flatMap((f) => Object.keys(JSON.parse(fs.readFileSync(f, 'utf8')))));
		expect(SEARCH_TYPES.filter((type) => !keys.has(`search_kind_${type}`))).toEqual([]);
	});
});

// `npm run bench:search`: search latency over 50,000 generated documents (10,000 per language),
// on PGlite and, when TEST_DATABASE_URL or DATABASE_URL is set, on PostgreSQL. Figures only.
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { importAllContent } from '../src/lib/server/platform/content.ts';
import { LOCALES } from '../src/lib/i18n/locales.ts';
import { SEARCH_CONFIG } from '../src/lib/server/search/index.ts';
import { searchEverything as search } from '../src/lib/server/platform/search.ts';
import { freshPostgres } from './lib.ts';

const PER_LOCALE = 10_000;
const RUNS = 200;

// Words of the field in each language, so generated documents look like real ones to the stemmer.
const WORDS: Record<string, string[]> = {
	en: 'career guidance counselling learning labour market information ethics competence quality service practitioner school adult transition skills reflection client decision opportunity standard framework'.split(' '),
	nb: 'karriere veiledning læring arbeidsmarked informasjon etikk kompetanse kvalitet tjeneste veileder skole voksen overgang ferdigheter refleksjon beslutning mulighet standard rammeverk'.split(' '),
	cs: 'kariéra poradenství učení trh práce informace etika kompetence kvalita služba poradce škola dospělý přechod dovednosti reflexe rozhodnutí příležitost standard rámec'.split(' '),
	sk: 'kariéra poradenstvo učenie trh práce informácie etika kompetencia kvalita služba poradca škola dospelý prechod zručnosti reflexia rozhodnutie príležitosť štandard rámec'.split(' '),
	pl: 'kariera doradztwo uczenie rynek pracy informacja etyka kompetencje jakość usługa doradca szkoła dorosły przejście umiejętności refleksja decyzja szansa standard ramy'.split(' ')
};
const QUERIES: Record<string, string[]> = {
	en: ['career guidance', 'labour market', 'ethics', 'carreer', 'quality framework'],
	nb: ['karriereveiledning', 'arbeidsmarked', 'etikk', 'kvalitet'],
	cs: ['kariérové poradenství', 'trh práce', 'etika', 'karierove'],
	sk: ['kariérové poradenstvo', 'trh práce', 'etika'],
	pl: ['doradztwo kariery', 'rynek pracy', 'etyka']
};

async function seed(database: Database): Promise<void> {
	await importAllContent(database.db, 'content');
	for (const locale of LOCALES) {
		const words = sql.raw(`array[${WORDS[locale]!.map((w) => `'${w}'`).join(',')}]`);
		const pick = sql`(${words})[1 + floor(random() * ${WORDS[locale]!.length})::int]`;
		// Filler words make a realistic corpus: each document carries a few words of the field among
		// many others, so a query matches a small share of documents, as with real content.
		const filler = sql`'w' || floor(random() * 20000)::int`;
		await database.db.execute(sql`
			insert into search_document (type, ref, locale, path, title, body, config, tsv)
			select 'glossary', 'bench:' || g, ${locale}, '/bench/' || g, t.title, t.body, ${SEARCH_CONFIG[locale]},
				setweight(to_tsvector(${SEARCH_CONFIG[locale]}::regconfig, unaccent_immutable(t.title)), 'A')
				|| setweight(to_tsvector(${SEARCH_CONFIG[locale]}::regconfig, unaccent_immutable(t.body)), 'B')
			from generate_series(1, ${PER_LOCALE}) g,
			lateral (select concat_ws(' ', ${filler}, ${pick}, ${filler}, g::text) as title,
				(select string_agg(case when random() < 0.05 then ${pick} else ${filler} end, ' ') from generate_series(1, 40 + (g % 3)) w) as body) t`);
	}
	await database.db.execute(sql`analyze search_document`);
}

async function measure(name: string, database: Database): Promise<void> {
	await seed(database);
	const [{ n } = { n: 0 }] = (await database.db.execute(sql`select count(*)::int as n from search_document`) as unknown as { rows: { n: number }[] }).rows;
	const times: number[] = [];
	const cases = LOCALES.flatMap((l) => QUERIES[l]!.map((q) => [l, q] as const));
	for (let i = 0; i < RUNS; i++) {
		const [locale, query] = cases[i % cases.length]!;
		const t = performance.now();
		await search(database.db, locale, query, { cache: false });
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
	console.log(`${name.padEnd(12)} ${String(n).padStart(7)} documents   p50 ${at(50).padStart(6)} ms   p99 ${at(99).padStart(6)} ms   (${RUNS} searches)`);
}

console.log(`Search benchmark — ${RUNS} searches in five languages, one connection, Node ${process.version}`);
const pglite = await openPglite(null);
await migrate(pglite, 'migrations');
await measure('PGlite', pglite);
await pglite.close();

const fresh = await freshPostgres();
if (fresh) {
	const postgres = await openPostgres(fresh.url, 2);
	try {
		await migrate(postgres, 'migrations');
		await measure('PostgreSQL', postgres);
	} finally {
		await postgres.close();
		await fresh.drop();
	}
}

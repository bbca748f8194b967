// `npm run bench:quality`: the server time of a closed round's results page (roundView: the round,
// its framework, the responses, the results and the previous round's medians) for a round of 200
// raters × 100 indicators with 5 closed rounds before it, on PGlite and, when TEST_DATABASE_URL or
// DATABASE_URL is set, on PostgreSQL. Figures only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { freshPostgres } from './lib.ts';
import { openPglite, openPostgres, type Database } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { importAllContent } from '../src/lib/server/platform/content.ts';
import type { Actor } from '../src/lib/server/policies/index.ts';
import { closeRound, roundView } from '../src/lib/server/quality/service.ts';

const RATERS = 200;
const AREAS = 10;
const CRITERIA = 5;
const INDICATORS = 2; // per criterion: 10 × 5 × 2 = 100 indicators
const ROUNDS = 6; // five closed before the one measured
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

/** A generated assessment framework of 100 indicators, in a throwaway content folder. */
function contentFolder(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-bench-quality-'));
	fs.mkdirSync(path.join(dir, 'frameworks'));
	const t = (title: string) => `translations:\n  en: { title: "${title}", body: "What could show this: records." }\n`;
	const indent = (text: string, n: number) => text.replace(/^(?=.)/gm, ' '.repeat(n));
	let nodes = `- key: scale\n  kind: scale\n${indent(t('Scale'), 2)}  children:\n`;
	for (let v = 1; v <= 4; v++) nodes += indent(`- key: level-${v}\n  kind: level\n  code: "${v}"\n${indent(t(`Level ${v}`), 2)}`, 4);
	for (let a = 1; a <= AREAS; a++) {
		nodes += `- key: area-${a}\n  kind: area\n  code: "${a}"\n${indent(t(`Area ${a}`), 2)}  children:\n`;
		for (let c = 1; c <= CRITERIA; c++) {
			nodes += indent(`- key: criterion-${a}-${c}\n  kind: criterion\n  code: "${a}.${c}"\n${indent(t(`Criterion ${a}.${c}`), 2)}  children:\n`, 4);
			for (let i = 1; i <= INDICATORS; i++) nodes += indent(`- key: indicator-${a}-${c}-${i}\n  kind: indicator\n${indent(t(`Indicator ${a}.${c}.${i}`), 2)}`, 8);
		}
	}
	fs.writeFileSync(
		path.join(dir, 'frameworks', 'bench-assessment.yaml'),
		`version: "1"\nsource:\n  citation: "Generated for the benchmark."\ntranslations:\n  en: { title: "Bench assessment", description: "" }\nnodes:\n${indent(nodes, 2)}`
	);
	return dir;
}

const exec = (database: Database, query: ReturnType<typeof sql>) => database.db.execute(query) as unknown as Promise<{ rows: Record<string, unknown>[] }>;

/** 200 people in one organisation, six rounds on the framework, every rater answering every indicator. */
async function seed(database: Database, contentDir: string): Promise<{ actor: Actor; round: string; closing: number[] }> {
	await importAllContent(database.db, contentDir, { only: ['frameworks'] });
	const [version] = (await exec(database, sql`select v.id from framework_version v join framework f on f.id = v.framework_id where f.slug = 'bench-assessment'`)).rows;
	const [org] = (await exec(database, sql`insert into organisation (name, sector, country) values ('Bench service', 'adult_centre', 'NO') returning id`)).rows;
	await exec(
		database,
		sql`insert into app_user (email, display_name, locale, country, sector, email_verified_at)
			select 'rater' || g || '@bench.test', 'Rater ' || g, 'en', 'NO', 'school', now() from generate_series(1, ${RATERS}) g`
	);
	await exec(
		database,
		sql`insert into membership (organisation_id, user_id, role)
			select ${org!.id}::uuid, id, case when email = 'rater1@bench.test' then 'owner' when email like 'rater_@bench.test' then 'leader' else 'member' end from app_user where email like '%@bench.test'`
	);
	const areaKeys = sql.raw(`array[${Array.from({ length: AREAS }, (_, a) => `'area-${a + 1}'`).join(',')}]`);
	const [leader] = (await exec(database, sql`select id from app_user where email = 'rater1@bench.test'`)).rows;
	const actor: Actor = { id: String(leader!.id), role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false };
	const closing: number[] = [];
	let last = '';
	for (let r = 0; r < ROUNDS; r++) {
		const [round] = (
			await exec(
				database,
				sql`insert into quality_round (organisation_id, framework_version_id, title, deadline, rater_roles, area_keys, status, created_at, closed_at)
					values (${org!.id}::uuid, ${version!.id}, ${`Round ${r + 1}`}, '2030-01-01', array['leader','member'], ${areaKeys}, 'open', now() - make_interval(days => ${(ROUNDS - r) * 90}), null)
					returning id`
			)
		).rows;
		await exec(
			database,
			sql`insert into quality_rater (round_id, user_id, role)
				select ${round!.id}::uuid, m.user_id, case when m.role = 'member' then 'practitioner' else 'leader' end from membership m where m.organisation_id = ${org!.id}::uuid`
		);
		await exec(
			database,
			sql`insert into quality_answer (rater_id, indicator_key, value, evidence)
				select r.id, n.key, 1 + floor(random() * 4)::int, case when random() < 0.1 then 'Minutes of the team meeting' else '' end
				from quality_rater r cross join framework_node n
				where r.round_id = ${round!.id}::uuid and n.version_id = ${version!.id} and n.kind = 'indicator'`
		);
		await exec(
			database,
			sql`insert into quality_rater_area (rater_id, area_key) select r.id, a from quality_rater r, unnest(${areaKeys}) a where r.round_id = ${round!.id}::uuid`
		);
		// Closed as a leader closes it: the figures are computed once and kept with the round.
		const t = performance.now();
		const closed = await closeRound(database.db, actor, String(round!.id));
		if (!closed.ok) throw new Error(`could not close: ${JSON.stringify(closed)}`);
		closing.push(performance.now() - t);
		last = String(round!.id);
	}
	await exec(database, sql`analyze`);
	return { actor, round: last, closing };
}

async function measure(name: string, database: Database, contentDir: string): Promise<void> {
	const { actor, round, closing } = await seed(database, contentDir);
	const [{ n } = { n: 0 }] = (await exec(database, sql`select count(*)::int as n from quality_answer`)).rows as { n: number }[];
	// Warm up once (plans, the framework's rows in cache), then measure.
	const first = await roundView(database.db, actor, round, 'en');
	if (!first.ok || !first.value.results || !first.value.previous) throw new Error(`unexpected view: ${JSON.stringify(first).slice(0, 200)}`);
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		await roundView(database.db, actor, round, 'en');
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
	console.log(`${name.padEnd(12)} ${String(n).padStart(7)} answers   p50 ${at(50).padStart(7)} ms   p95 ${at(95).padStart(7)} ms   (${RUNS} results pages; closing a round ${(closing.reduce((a, b) => a + b, 0) / closing.length).toFixed(0)} ms)`);
}

console.log(`Our quality benchmark — results of a round of ${RATERS} raters × ${AREAS * CRITERIA * INDICATORS} indicators after ${ROUNDS - 1} closed rounds, Node ${process.version}`);
const contentDir = contentFolder();
try {
	const pglite = await openPglite(null);
	await migrate(pglite, 'migrations');
	await measure('PGlite', pglite, contentDir);
	await pglite.close();

	const fresh = await freshPostgres();
	if (fresh) {
		const postgres = await openPostgres(fresh.url, 2);
		try {
			await migrate(postgres, 'migrations');
			await measure('PostgreSQL', postgres, contentDir);
		} finally {
			await postgres.close();
			await fresh.drop();
		}
	}
} finally {
	fs.rmSync(contentDir, { recursive: true, force: true });
}

import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../src/lib/server/db/client.ts';

export type Trace = { table: string; column: string; needle: string; rows: number };

/**
 * Looks for each needle (an email address, a name, a user id) in every text, varchar, uuid and
 * json column of every table in the database: generated from the catalogue, so a new table or
 * column cannot escape. `allowed` lists `table.column` that may keep a needle, each for a reason.
 */
export async function findTraces(db: DbOrTx, needles: string[], allowed: readonly string[] = []): Promise<Trace[]> {
	const columns = await queryRows<{ table_name: string; column_name: string }>(
		db,
		sql`select table_name, column_name from information_schema.columns
			where table_schema = 'public' and data_type in ('text', 'character varying', 'uuid', 'jsonb', 'json', 'ARRAY')
			and table_name not like '__drizzle%'
			order by table_name, column_name`
	);
	const traces: Trace[] = [];
	for (const { table_name: table, column_name: column } of columns) {
		if (allowed.includes(`${table}.${column}`)) continue;
		for (const needle of needles) {
			const [row] = await queryRows<{ n: number }>(
				db,
				sql`select count(*)::int as n from ${sql.identifier(table)} where position(lower(${needle}) in lower(${sql.identifier(column)}::text)) > 0`
			);
			if (row && Number(row.n) > 0) traces.push({ table, column, needle, rows: Number(row.n) });
		}
	}
	return traces;
}

import { stringify } from 'csv-stringify/sync';
import type { DbOrTx } from '../db/client.ts';
import { publishedBatches, type ApiPractice } from './queries.ts';
import { allFields, type PracticeTemplate } from './template.ts';

// Every published practice as CSV, streamed in batches: one row per practice, a column per
// template field (text) and per option list (option keys joined by "|"), and the licence of each
// description in its own column.

/** The export's fixed columns (before one column per template field); the import reads the same. */
export const CSV_FIXED_COLUMNS = ['id', 'url', 'title', 'summary', 'language', 'organisation', 'country', 'region', 'sector', 'languages', 'start_year', 'channels', 'licence', 'example', 'template', 'published_at'];

/** Every column of the export, in order: the fixed ones, then per template field its options (if any) and its text. */
export function csvColumns(template: PracticeTemplate): string[] {
	return [...CSV_FIXED_COLUMNS, ...allFields(template.sections).flatMap((f) => (f.options.length ? [`${f.key}:options`, `${f.key}:text`] : [`${f.key}:text`]))];
}

export function csvStream(db: DbOrTx, template: PracticeTemplate, origin: string): ReadableStream<Uint8Array> {
	const fields = allFields(template.sections);
	const columns = csvColumns(template);
	const encoder = new TextEncoder();
	const rowOf = (p: ApiPractice) => [
		p.id,
		p.url,
		p.title,
		p.summary,
		p.language,
		p.organisation ?? '',
		p.country,
		p.region,
		p.sector,
		p.languages.join('|'),
		p.startYear ?? '',
		p.channels.join('|'),
		p.licence,
		p.example ? 'true' : 'false',
		`${p.template.framework}@${p.template.version}`,
		p.publishedAt ?? '',
		...fields.flatMap((f) => (f.options.length ? [(p.fields[f.key]?.options ?? []).join('|'), p.fields[f.key]?.text ?? ''] : [p.fields[f.key]?.text ?? '']))
	];
	const batches = publishedBatches(db, origin);
	let started = false;
	return new ReadableStream({
		async pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(encoder.encode(stringify([columns])));
				return;
			}
			const next = await batches.next();
			if (next.done) return controller.close();
			controller.enqueue(encoder.encode(stringify(next.value.map(rowOf))));
		}
	});
}

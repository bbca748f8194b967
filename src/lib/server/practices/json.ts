import type { DbOrTx } from '../db/client.ts';
import { publishedBatches } from './queries.ts';
import type { PracticeTemplate } from './template.ts';

// Every published practice as one JSON document, streamed in batches (the whole inventory is never
// held in memory): what the export is, when it was made, the licences its records are under, then
// the records in the open API's shape, each with its own licence.

export const EXPORT_LICENCE_NOTE =
	'Each record’s description is published under the licence named in its own `licence` field (an SPDX identifier); reuse it under that licence and name the source (the record’s `url`).';

export function jsonStream(db: DbOrTx, template: PracticeTemplate, origin: string, licences: readonly string[]): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const batches = publishedBatches(db, origin);
	let started = false;
	let first = true;
	return new ReadableStream({
		async pull(controller) {
			if (!started) {
				started = true;
				const head = {
					generatedAt: new Date().toISOString(),
					source: `${origin}/practices`,
					template: { framework: 'ict-lmi-mapping-template', version: template.version },
					licence: { note: EXPORT_LICENCE_NOTE, licences: [...licences].map((id) => ({ id, url: `https://spdx.org/licenses/${id}.html` })) }
				};
				// The head's closing brace is left open for the records that follow.
				controller.enqueue(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"data":[`));
				return;
			}
			const next = await batches.next();
			if (next.done) {
				controller.enqueue(encoder.encode(']}\n'));
				return controller.close();
			}
			const body = next.value.map((p) => JSON.stringify(p)).join(',');
			controller.enqueue(encoder.encode(first ? body : `,${body}`));
			first = false;
		}
	});
}

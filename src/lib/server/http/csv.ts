import { stringify } from 'csv-stringify/sync';

// The CSV files people download and open in a spreadsheet: one way to write them and send them.

const FORMULA = /^[=+\-@\t\r]/;

/** A cell as text, never a formula: a leading apostrophe (OWASP's advice against CSV injection). */
export const csvCell = (text: string): string => (FORMULA.test(text) ? `'${text}` : text);

/** A cell written by csvCell, read back as it was typed. */
export const csvCellBack = (text: string): string => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

/** Rows under a header line, with a byte-order mark so that spreadsheets read the file as UTF-8. */
export const csvText = (columns: string[], rows: string[][]): string => stringify(rows, { header: true, columns, bom: true });

/** A private CSV download named `filename`. */
export function csvDownload(text: string, filename: string): Response {
	return new Response(text, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
}

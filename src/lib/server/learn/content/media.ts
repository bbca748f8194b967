import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { lessonFile } from '../../db/schema/learn.ts';

export type StoredFile = { id: number; mime: string; size: number; sha256: string };

/** A lesson file by its content hash and name (the URL names both, so it can be cached forever). */
export async function findLessonFile(db: DbOrTx, sha256: string, name: string): Promise<StoredFile | undefined> {
	if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
	const [row] = await db
		.select({ id: lessonFile.id, mime: lessonFile.mime, size: lessonFile.size, sha256: lessonFile.sha256 })
		.from(lessonFile)
		.where(and(eq(lessonFile.sha256, sha256), eq(lessonFile.name, name)))
		.limit(1);
	return row;
}

/** Bytes `start`..`end` (inclusive) of a stored file, read in the database: no more than asked for. */
export async function readLessonFile(db: DbOrTx, id: number, start: number, end: number): Promise<Uint8Array> {
	const [row] = await db
		.select({ data: sql<Uint8Array>`substring(${lessonFile.data} from ${start + 1} for ${end - start + 1})` })
		.from(lessonFile)
		.where(eq(lessonFile.id, id));
	return row ? new Uint8Array(row.data) : new Uint8Array();
}

/**
 * The byte range a `Range` header asks for, within a file of `size` bytes: null for the whole file,
 * 'unsatisfiable' when it lies outside (RFC 9110 §14). Only single ranges are served.
 */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null | 'unsatisfiable' {
	if (!header) return null;
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || (match[1] === '' && match[2] === '')) return null;
	if (match[1] === '') {
		const suffix = Number(match[2]);
		if (suffix === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(match[1]);
	const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
	if (start >= size || start > end) return 'unsatisfiable';
	return { start, end };
}

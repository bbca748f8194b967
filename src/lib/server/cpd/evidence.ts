// Evidence on a CPD entry: a certificate, a programme, a photo of a whiteboard. Checked like a
// lesson's files (type by the bytes, size), kept by files/, and private to the entry's owner:
// anyone else gets the same not_found as for a file that does not exist.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { cpdEntry, cpdEvidence } from '../db/schema/cpd.ts';
import { storedFile } from '../db/schema/files.ts';
import { checkFile, deleteStoredFiles, PERSONAL_FILE_MAX_BYTES, readStoredFile, storeFile, type FileKind, type StoredFileData, type StoredFileMeta } from '../files/index.ts';
import { isUuid } from '../forms/index.ts';
import { can, type Actor } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';

const kind = (mime: string, sniffed: string[]): FileKind => ({ mime, maxBytes: PERSONAL_FILE_MAX_BYTES, sniffed });
/** What an entry takes as evidence: PDF and the images browsers show. */
export const EVIDENCE_TYPES: Readonly<Record<string, FileKind>> = {
	pdf: kind('application/pdf', ['pdf']),
	png: kind('image/png', ['png']),
	jpg: kind('image/jpeg', ['jpg']),
	jpeg: kind('image/jpeg', ['jpg']),
	webp: kind('image/webp', ['webp'])
};
/** The most files one entry may carry. */
export const EVIDENCE_PER_ENTRY = 20;

export type Evidence = StoredFileMeta;

/** Where the owner downloads an evidence file (unlocalised: the app redirects to their language). */
export const evidencePath = (entryId: string, fileId: string) => `/cpd/${entryId}/evidence/${fileId}`;

const REFUSED = { type: 'cpd_error_evidence_type', too_large: 'cpd_error_evidence_large', content: 'cpd_error_evidence_content' } as const;

/** The entry when the actor may see its evidence (its owner), else undefined. */
async function entryFor(db: DbOrTx, actor: Actor, entryId: string, lock = false) {
	if (!actor || !isUuid(entryId)) return undefined;
	const query = db.select({ id: cpdEntry.id, userId: cpdEntry.userId }).from(cpdEntry).where(eq(cpdEntry.id, entryId));
	const [row] = lock ? await query.for('update') : await query;
	return row && can(actor, 'cpd:evidence', row) ? row : undefined;
}

/** The evidence files of entries (metadata only), by entry; one query. */
export async function evidenceOfEntries(db: DbOrTx, entryIds: readonly string[]): Promise<Map<string, Evidence[]>> {
	const byEntry = new Map<string, Evidence[]>();
	if (!entryIds.length) return byEntry;
	const rows = await db
		.select({ entryId: cpdEvidence.entryId, id: storedFile.id, name: storedFile.name, mime: storedFile.mime, size: storedFile.size, sha256: storedFile.sha256, createdAt: storedFile.createdAt })
		.from(cpdEvidence)
		.innerJoin(storedFile, eq(storedFile.id, cpdEvidence.fileId))
		.where(inArray(cpdEvidence.entryId, [...entryIds]))
		.orderBy(asc(storedFile.createdAt), asc(storedFile.id));
	for (const { entryId, ...file } of rows) byEntry.set(entryId, [...(byEntry.get(entryId) ?? []), file]);
	return byEntry;
}

/** The evidence files of one of the actor's entries. */
export async function listEvidence(db: DbOrTx, actor: Actor, entryId: string): Promise<Result<Evidence[]>> {
	const entry = await entryFor(db, actor, entryId);
	if (!entry) return problem('not_found');
	return ok((await evidenceOfEntries(db, [entry.id])).get(entry.id) ?? []);
}

/**
 * Attaches a file to one of the actor's entries: a PDF, PNG, JPEG or WebP within the size limit,
 * whose bytes are what its name says. Refused with a message for the `file` field, nothing stored.
 */
export async function addEvidence(db: DbOrTx, actor: Actor, entryId: string, file: { name: string; data: Uint8Array }): Promise<Result<Evidence>> {
	if (!actor || !isUuid(entryId)) return problem('not_found');
	const check = await checkFile(file.name, file.data, EVIDENCE_TYPES);
	return db.transaction(async (tx) => {
		const entry = await entryFor(tx, actor, entryId, true);
		if (!entry) return problem('not_found');
		if (!check.ok) return problem(check.reason === 'too_large' ? 'too_large' : 'invalid', { field: 'file', key: REFUSED[check.reason] });
		const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(cpdEvidence).where(eq(cpdEvidence.entryId, entry.id));
		if (n >= EVIDENCE_PER_ENTRY) return problem('conflict', { field: 'file', key: 'cpd_error_evidence_many' });
		const stored = await storeFile(tx, { ownerId: entry.userId, name: file.name, mime: check.mime, data: file.data });
		await tx.insert(cpdEvidence).values({ fileId: stored.id, entryId: entry.id });
		return ok(stored);
	});
}

/** One evidence file with its bytes, for its download; not_found for anyone but the entry's owner. */
export async function evidenceFile(db: DbOrTx, actor: Actor, entryId: string, fileId: string): Promise<Result<StoredFileData>> {
	if (!isUuid(fileId)) return problem('not_found');
	const entry = await entryFor(db, actor, entryId);
	if (!entry) return problem('not_found');
	const [link] = await db.select().from(cpdEvidence).where(and(eq(cpdEvidence.fileId, fileId), eq(cpdEvidence.entryId, entry.id)));
	const file = link ? await readStoredFile(db, fileId) : undefined;
	return file ? ok(file) : problem('not_found');
}

/** Removes an evidence file from one of the actor's entries (the bytes go too). */
export async function removeEvidence(db: DbOrTx, actor: Actor, entryId: string, fileId: string): Promise<Result> {
	if (!isUuid(fileId)) return problem('not_found');
	return db.transaction(async (tx) => {
		const entry = await entryFor(tx, actor, entryId, true);
		if (!entry) return problem('not_found');
		const gone = await tx.delete(cpdEvidence).where(and(eq(cpdEvidence.fileId, fileId), eq(cpdEvidence.entryId, entry.id))).returning({ id: cpdEvidence.fileId });
		if (!gone.length) return problem('not_found');
		await deleteStoredFiles(tx, [fileId]);
		return ok();
	});
}

/** Deletes the stored files of entries (when the entries go: the link rows cascade, the bytes would not). */
export async function deleteEvidenceOf(db: DbOrTx, entryIds: readonly string[]): Promise<void> {
	if (!entryIds.length) return;
	const links = await db.select({ id: cpdEvidence.fileId }).from(cpdEvidence).where(inArray(cpdEvidence.entryId, [...entryIds]));
	await deleteStoredFiles(db, links.map((l) => l.id));
}

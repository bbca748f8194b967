// Evidence files on CPD entries, and the files/ module under them: checks by content and size,
// the owner-only rule (anyone else gets not_found), the response headers, and that the bytes go
// with the entry and show up in the personal-data export. Both engines.
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addEvidence, createEntry, deleteEntry, evidenceFile, EVIDENCE_PER_ENTRY, EVIDENCE_TYPES, listEvidence, removeEvidence } from '../../src/lib/server/cpd/index.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { storedFile } from '../../src/lib/server/db/schema/files.ts';
import { checkFile, cleanFileName, fileResponse, PERSONAL_FILE_MAX_BYTES, readStoredFile, storeFile } from '../../src/lib/server/files/index.ts';
import { bodyLimitFor, DEFAULT_BODY_LIMIT, PERSONAL_FILE_BODY_LIMIT } from '../../src/lib/server/learn/authoring/limits.ts';
import { exportMyData } from '../../src/lib/server/platform/personal-data.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { testDatabases } from '../helpers/db.ts';
import { value } from '../helpers/result.ts';

const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });
// A real 1×1 PNG and a minimal PDF.
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

describe('files: checks, names and the response', () => {
	it('accepts what the bytes prove, refuses another type, a renamed file and an oversized one', async () => {
		expect(await checkFile('Certificate.PDF', PDF, EVIDENCE_TYPES)).toEqual({ ok: true, ext: 'pdf', mime: 'application/pdf' });
		expect(await checkFile('photo.png', PNG, EVIDENCE_TYPES)).toEqual({ ok: true, ext: 'png', mime: 'image/png' });
		expect(await checkFile('script.html', PDF, EVIDENCE_TYPES)).toEqual({ ok: false, reason: 'type' });
		expect(await checkFile('noextension', PDF, EVIDENCE_TYPES)).toEqual({ ok: false, reason: 'type' });
		expect(await checkFile('constructor', PDF, EVIDENCE_TYPES)).toEqual({ ok: false, reason: 'type' });
		// A PNG named .pdf, a text file named .png, an empty file.
		expect(await checkFile('renamed.pdf', PNG, EVIDENCE_TYPES)).toEqual({ ok: false, reason: 'content' });
		expect(await checkFile('notes.png', new TextEncoder().encode('<script>alert(1)</script>'), EVIDENCE_TYPES)).toEqual({ ok: false, reason: 'content' });
		expect(await checkFile('empty.pdf', new Uint8Array(), EVIDENCE_TYPES)).toEqual({ ok: false, reason: 'content' });
		const big = new Uint8Array(PERSONAL_FILE_MAX_BYTES + 1);
		big.set(PDF);
		expect(await checkFile('big.pdf', big, EVIDENCE_TYPES)).toEqual({ ok: false, reason: 'too_large' });
	});

	it('keeps the last part of a name, without control characters or quotes, within 200 characters', () => {
		expect(cleanFileName('C:\\Users\\me\\Kurs "bevis".pdf')).toBe('Kurs bevis.pdf');
		expect(cleanFileName('a\u0000b\u202e.pdf')).toBe('ab.pdf');
		const long = cleanFileName(`${'x'.repeat(300)}.pdf`);
		expect(long).toHaveLength(200);
		expect(long.endsWith('.pdf')).toBe(true);
		expect(cleanFileName('../')).toBe('file');
	});

	it('sends a PDF as a download and an image inline, never sniffed, never cached by others', async () => {
		const base = { id: 'x', ownerId: 'o', size: 3, sha256: 'ab', createdAt: new Date() };
		const pdf = fileResponse({ ...base, name: 'Kursbevis på norsk.pdf', mime: 'application/pdf', data: PDF });
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
		expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="Kursbevis pa norsk.pdf"; filename*=UTF-8''Kursbevis%20p%C3%A5%20norsk.pdf`);
		expect(pdf.headers.get('cache-control')).toMatch(/^private/);
		expect(new Uint8Array(await pdf.arrayBuffer())).toEqual(PDF);
		const png = fileResponse({ ...base, name: 'photo.png', mime: 'image/png', data: PNG });
		expect(png.headers.get('content-disposition')).toMatch(/^inline; /);
	});

	it('gives the evidence form a body limit of one file, and nothing else more than the default', () => {
		expect(bodyLimitFor('/en/cpd/00000000-0000-4000-8000-00000000c0de?/evidence')).toBe(PERSONAL_FILE_BODY_LIMIT);
		expect(PERSONAL_FILE_BODY_LIMIT).toBeGreaterThan(PERSONAL_FILE_MAX_BYTES);
		expect(bodyLimitFor('/en/cpd/00000000-0000-4000-8000-00000000c0de?/save')).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimitFor('/en/cpd/x/../../signin?/evidence')).toBe(DEFAULT_BODY_LIMIT);
	});
});

describe.each(testDatabases())('CPD evidence on $name', ({ open }) => {
	let database: Database;
	let db: Database['db'];
	beforeEach(async () => {
		database = await open();
		db = database.db;
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string): Promise<Actor> {
		const [row] = await db.insert(user).values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school' }).returning({ id: user.id });
		return as(row!.id);
	}
	const entry = (actor: Actor) =>
		createEntry(db, actor, { title: 'Conference', type: 'conference', startsOn: '2026-03-01', endsOn: null, hours: 6, provider: '', competenceAreas: [], reflection: '' }).then((r) => value(r).id);
	const files = async () => (await db.select({ n: count() }).from(storedFile))[0]!.n;

	it('stores a file once with its hash, size and type, and reads it back byte for byte', async () => {
		const ada = await person('Ada');
		const stored = await storeFile(db, { ownerId: ada!.id, name: 'a.png', mime: 'image/png', data: PNG });
		expect(stored).toMatchObject({ name: 'a.png', mime: 'image/png', size: PNG.byteLength });
		expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
		const back = await readStoredFile(db, stored.id);
		expect(back!.ownerId).toBe(ada!.id);
		expect(new Uint8Array(back!.data)).toEqual(PNG);
	});

	it('lets the owner add, list, download and remove evidence; anyone else finds nothing', async () => {
		const ada = await person('Ada');
		const bo = await person('Bo');
		const id = await entry(ada);
		const added = value(await addEvidence(db, ada, id, { name: 'certificate.pdf', data: PDF }));
		value(await addEvidence(db, ada, id, { name: 'whiteboard.png', data: PNG }));
		expect(value(await listEvidence(db, ada, id)).map((f) => [f.name, f.mime])).toEqual([
			['certificate.pdf', 'application/pdf'],
			['whiteboard.png', 'image/png']
		]);
		expect(new Uint8Array(value(await evidenceFile(db, ada, id, added.id)).data)).toEqual(PDF);
		// Bo, signed out, a malformed id, a file of another entry: the same not_found.
		const notFound = { ok: false, problem: { kind: 'not_found' } };
		expect(await listEvidence(db, bo, id)).toEqual(notFound);
		expect(await evidenceFile(db, bo, id, added.id)).toEqual(notFound);
		expect(await evidenceFile(db, null, id, added.id)).toEqual(notFound);
		expect(await evidenceFile(db, ada, id, 'not-a-uuid')).toEqual(notFound);
		const other = await entry(ada);
		expect(await evidenceFile(db, ada, other, added.id)).toEqual(notFound);
		expect(await addEvidence(db, bo, id, { name: 'x.pdf', data: PDF })).toEqual(notFound);
		expect(await removeEvidence(db, bo, id, added.id)).toEqual(notFound);
		expect(await files()).toBe(2);
		value(await removeEvidence(db, ada, id, added.id));
		expect(await evidenceFile(db, ada, id, added.id)).toEqual(notFound);
		expect(await removeEvidence(db, ada, id, added.id)).toEqual(notFound);
		expect(await files()).toBe(1);
	});

	it('refuses a wrong type, a renamed file, too large a file and the 21st file with a message for the file field, storing nothing', async () => {
		const ada = await person('Ada');
		const id = await entry(ada);
		expect(await addEvidence(db, ada, id, { name: 'page.html', data: PDF })).toEqual({ ok: false, problem: { kind: 'invalid', field: 'file', key: 'cpd_error_evidence_type' } });
		expect(await addEvidence(db, ada, id, { name: 'fake.pdf', data: PNG })).toEqual({ ok: false, problem: { kind: 'invalid', field: 'file', key: 'cpd_error_evidence_content' } });
		const big = new Uint8Array(PERSONAL_FILE_MAX_BYTES + 1);
		big.set(PNG);
		expect(await addEvidence(db, ada, id, { name: 'big.png', data: big })).toEqual({ ok: false, problem: { kind: 'too_large', field: 'file', key: 'cpd_error_evidence_large' } });
		expect(await files()).toBe(0);
		for (let i = 0; i < EVIDENCE_PER_ENTRY; i++) value(await addEvidence(db, ada, id, { name: `p${i}.png`, data: PNG }));
		expect(await addEvidence(db, ada, id, { name: 'one-more.png', data: PNG })).toEqual({ ok: false, problem: { kind: 'conflict', field: 'file', key: 'cpd_error_evidence_many' } });
		expect(await files()).toBe(EVIDENCE_PER_ENTRY);
	});

	it('deletes the files with their entry, and lists them with a download address in the data export', async () => {
		const ada = await person('Ada');
		const kept = await entry(ada);
		const gone = await entry(ada);
		const file = value(await addEvidence(db, ada, kept, { name: 'certificate.pdf', data: PDF }));
		value(await addEvidence(db, ada, gone, { name: 'photo.png', data: PNG }));
		value(await deleteEntry(db, ada, gone));
		expect(await db.select({ name: storedFile.name }).from(storedFile).where(eq(storedFile.ownerId, ada!.id))).toEqual([{ name: 'certificate.pdf' }]);
		const exported = value(await exportMyData(db, ada, '203.0.113.9')) as { cpd: { entries: { id: string; evidence: { name: string; sha256: string; download: string }[] }[] } };
		const withFile = exported.cpd.entries.find((e) => e.id === kept)!;
		expect(withFile.evidence).toMatchObject([{ name: 'certificate.pdf', download: `/cpd/${kept}/evidence/${file.id}` }]);
		expect(withFile.evidence[0]!.sha256).toBe(file.sha256);
	});
});

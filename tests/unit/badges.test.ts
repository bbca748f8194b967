import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { certificatePdf, openBadgeCredential, type CertificateView } from '../../src/lib/server/learn/progress/index.ts';
import { newSigningKey, signingKeys, signJwt } from '../../src/lib/server/signing/index.ts';

// Open Badges 3.0 credentials are signed JWTs; these tests check the signatures with code that is
// not the signer's (noble's Ed25519, node's own RSA verify over the JWT's signing input).

const cert: CertificateView = {
	code: 'ABCD-EFGH-JKMN',
	holderName: 'Žofie Nováková',
	hours: 12,
	issuedAt: new Date('2026-11-30T10:00:00Z'),
	courseSlug: 'foundations',
	courseTitle: 'Základy kariérového poradenství',
	courseSummary: 'Co dělá kariérový poradce.',
	outcomes: ['Vysvětlit etické zásady.', 'Řídit rozhovor.'],
	shownLocale: 'cs',
	mine: true
};

const ed25519Key = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const b64url = (text: string) => Buffer.from(text, 'base64url');

function parts(jwt: string) {
	const [header, payload, signature] = jwt.split('.') as [string, string, string];
	return {
		header: JSON.parse(b64url(header).toString('utf8')),
		payload: JSON.parse(b64url(payload).toString('utf8')),
		signingInput: Buffer.from(`${header}.${payload}`),
		signature: b64url(signature)
	};
}

describe('badge signing', () => {
	it('signs with the first configured Ed25519 key, publishes every key, and the signature verifies with noble', async () => {
		const config = loadConfig({ BADGE_SIGNING_KEYS: `${ed25519Key()},${ed25519Key()}`, DATABASE_URL: 'postgres://x@localhost/x' });
		const keys = await signingKeys(config);
		expect(keys.map((k) => k.alg)).toEqual(['EdDSA', 'EdDSA']);
		expect(new Set(keys.map((k) => k.kid)).size).toBe(2);
		const [first] = keys;
		expect(first!.publicJwk).not.toHaveProperty('d');
		const credential = openBadgeCredential(cert, 'Zofie@example.org', 'https://praxis.example.org', 'salt');
		const { header, payload, signingInput, signature } = parts((await signJwt({ ...credential, iss: credential.issuer.id }, config))!);
		expect(header).toMatchObject({ alg: 'EdDSA', typ: 'JWT', kid: first!.kid, jwk: { kty: 'OKP', crv: 'Ed25519', x: first!.publicJwk.x } });
		expect(ed25519.verify(new Uint8Array(signature), new Uint8Array(signingInput), new Uint8Array(b64url(first!.publicJwk.x!)))).toBe(true);
		signature[0]! ^= 1;
		expect(ed25519.verify(new Uint8Array(signature), new Uint8Array(signingInput), new Uint8Array(b64url(first!.publicJwk.x!)))).toBe(false);
		// The payload is the credential itself (no `vc` wrapper), as Open Badges 3.0 §8.2 asks.
		expect(payload).toMatchObject({
			'@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
			type: ['VerifiableCredential', 'OpenBadgeCredential'],
			iss: 'https://praxis.example.org/api/badges/issuer',
			issuer: { id: 'https://praxis.example.org/api/badges/issuer', type: ['Profile'] },
			validFrom: '2026-11-30T10:00:00.000Z',
			credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'https://praxis.example.org/learn/foundations', name: cert.courseTitle, inLanguage: 'cs' } }
		});
		// The address is only there hashed with its salt: sha256("zofie@example.org" + "salt").
		expect(JSON.stringify(payload)).not.toContain('example.org"');
		expect(payload.credentialSubject.identifier[0].identityHash).toBe('sha256$' + (await sha256('zofie@example.orgsalt')));
	});

	it('makes one RSA key for the embedded database, keeps it, and signs RS256 that node verifies', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-keys-'));
		const config = loadConfig({ DATA_DIR: dataDir });
		const [key] = await signingKeys(config);
		expect(key!.alg).toBe('RS256');
		expect(fs.statSync(path.join(dataDir, 'badge-signing-key')).mode & 0o077).toBe(0);
		expect((await signingKeys(loadConfig({ DATA_DIR: dataDir })))[0]!.kid).toBe(key!.kid);
		const { header, signingInput, signature } = parts((await signJwt({ iss: 'x' }, config))!);
		expect(header.alg).toBe('RS256');
		expect(verify('sha256', signingInput, createPublicKey({ key: key!.publicJwk as never, format: 'jwk' }), signature)).toBe(true);
		fs.rmSync(dataDir, { recursive: true });
	});

	it('signs nothing on PostgreSQL without keys, and refuses a key that is not one', async () => {
		expect(await signingKeys(loadConfig({ DATABASE_URL: 'postgres://x@localhost/x' }))).toEqual([]);
		expect(() => loadConfig({ BADGE_SIGNING_KEYS: 'bm90IGEga2V5' })).toThrow(/Invalid BADGE_SIGNING_KEYS="\*\*\*": must be one or more/);
		expect(() => loadConfig({ BADGE_SIGNING_KEYS: newSigningKey() })).not.toThrow();
	});
});

describe('certificate PDF', () => {
	it('is a one-page PDF with its title and the holder in its metadata', async () => {
		const pdf = await certificatePdf(cert, 'https://praxis.example.org/cs/certificates/ABCD-EFGH-JKMN', 'cs');
		const text = pdf.toString('latin1');
		expect(text.startsWith('%PDF-1.7')).toBe(true);
		expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
		// The metadata is UTF-16: the holder's name keeps its háčky and čárky.
		expect(utf16Strings(text).some((s) => s.includes('Žofie Nováková'))).toBe(true);
		expect(text).toContain('/URI (https://praxis.example.org/cs/certificates/ABCD-EFGH-JKMN)');
	});
});

async function sha256(text: string) {
	return (await import('node:crypto')).createHash('sha256').update(text).digest('hex');
}

/** The UTF-16BE literal strings of a PDF (`(\xFE\xFF…)`, as its metadata is written), decoded. */
function utf16Strings(pdf: string): string[] {
	return [...pdf.matchAll(/\(\xFE\xFF((?:\\[\s\S]|[^\\)])*)\)/g)].map((match) => {
		const raw = match[1]!.replace(/\\([nrtbf()\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c);
		return Buffer.from(raw, 'latin1').swap16().toString('utf16le');
	});
}

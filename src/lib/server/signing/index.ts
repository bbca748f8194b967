import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, SignJWT, type JWK } from 'jose';
import { config, type Config } from '../config/index.ts';

// The keys that sign what Praxis issues for people to carry elsewhere (Open Badges credentials as
// JWTs). From BADGE_SIGNING_KEYS: base64 PKCS#8 keys, RSA (RS256, the algorithm every Open Badges
// 3.0 verifier must support) or Ed25519 (EdDSA). The first signs; every listed key is published,
// so that credentials signed before a rotation still verify. With the embedded database and no
// keys configured, one RSA key is made on first use and kept in DATA_DIR beside the data it signs
// for; with PostgreSQL (several instances) the keys must be configured, else nothing is signed.

export type SigningKey = { kid: string; alg: 'RS256' | 'EdDSA'; privateKey: KeyObject; publicJwk: JWK };

/** A key as configured: base64 of PKCS#8 DER. */
export async function signingKeyOf(base64: string): Promise<SigningKey> {
	const privateKey = createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' });
	const type = privateKey.asymmetricKeyType;
	if (type !== 'rsa' && type !== 'ed25519') throw new Error(`unsupported key type ${type}`);
	const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
	const kid = await calculateJwkThumbprint(publicJwk);
	const alg = type === 'rsa' ? 'RS256' : 'EdDSA';
	return { kid, alg, privateKey, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } };
}

/** A new RSA key (2048 bits) as BADGE_SIGNING_KEYS takes it. */
export function newSigningKey(): string {
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

const KEY_FILE = 'badge-signing-key';

/** The configured keys, or the embedded database's own one (made once), or none. */
function configuredKeys(c: Config): string[] {
	if (c.badgeSigningKeys.length) return c.badgeSigningKeys;
	if (c.databaseUrl) return [];
	const file = path.join(c.dataDir, KEY_FILE);
	if (!fs.existsSync(file)) {
		fs.mkdirSync(c.dataDir, { recursive: true });
		try {
			fs.writeFileSync(file, newSigningKey(), { mode: 0o600, flag: 'wx' });
		} catch (e) {
			// Another process made it first: use theirs.
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
	}
	return [fs.readFileSync(file, 'utf8').trim()];
}

let cached: { config: Config; keys: Promise<SigningKey[]> } | undefined;

/**
 * The signing keys, the signing one first (empty: this instance signs nothing). Read once per
 * configuration: a certificate page asks on every view, and the key file is not read again.
 */
export function signingKeys(c: Config = config()): Promise<SigningKey[]> {
	if (cached?.config !== c) cached = { config: c, keys: Promise.all(configuredKeys(c).map(signingKeyOf)) };
	return cached.keys;
}

/** The public keys as a JSON Web Key Set, for verifiers. */
export async function publicKeySet(): Promise<{ keys: JWK[] }> {
	return { keys: (await signingKeys()).map((k) => k.publicJwk) };
}

/**
 * Signs `payload` as a compact JWT with the current key; the header names the key (`kid`) and
 * carries its public part (`jwk`), as Open Badges 3.0 describes. Undefined when there is no key.
 */
export async function signJwt(payload: Record<string, unknown>, c: Config = config()): Promise<string | undefined> {
	const [key] = await signingKeys(c);
	if (!key) return undefined;
	return new SignJWT(payload).setProtectedHeader({ alg: key.alg, typ: 'JWT', kid: key.kid, jwk: key.publicJwk }).sign(key.privateKey);
}

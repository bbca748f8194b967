// Issue 16, defect 1: reset-link poisoning. Links in mails come from one configured origin, never
// from the request; proxies count only as far as configured; one reset link retires the others.
import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client.ts';
import { mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { requestOrigin } from '../../src/lib/server/http/origin.ts';
import { requestPasswordReset, resetPassword, signIn, signUp, verifyEmail } from '../../src/lib/server/accounts/service.ts';
import { testDatabases } from '../helpers/db.ts';

// What a request sent with `Host: evil.example` used to hand the services.
const forged = { ip: '203.0.113.9', origin: 'http://evil.example', device: 'Firefox · Linux', locale: 'en' as const };
const person = { displayName: 'Ola', email: 'ola@example.org', password: 'a long enough passphrase', locale: 'en' as const, country: 'NO', sector: 'school' };

const tokenIn = (text: string) => text.match(/\/(?:verify-email|reset-password)\/([\w-]+)/)![1]!;
const linksIn = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];

describe.each(testDatabases())('links in mails on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
	});
	afterEach(async () => {
		await database.close();
	});

	it('put a forgot-password link on the configured origin whatever Host the request named', async () => {
		await signUp(database.db, person, forged);
		await requestPasswordReset(database.db, person.email, forged);
		const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, person.email));
		expect(mails).toHaveLength(2);
		for (const mail of mails) {
			expect(`${mail.text}${mail.html}${mail.link}`).not.toContain('evil.example');
			expect(mail.link).toBeTruthy();
			for (const link of linksIn(mail.link!)) expect(new URL(link).origin).toBe('http://localhost:3000');
		}
	});

	it('retire every other reset link of the account once one is used', async () => {
		await signUp(database.db, person, forged);
		const [verify] = await database.db.select().from(mailOutbox);
		await verifyEmail(database.db, tokenIn(verify!.link!), forged.ip);
		await requestPasswordReset(database.db, person.email, forged);
		await requestPasswordReset(database.db, person.email, forged);
		const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, person.email)).orderBy(mailOutbox.id);
		const [older, newer] = mails.slice(-2).map((m) => tokenIn(m.link!));
		expect(await resetPassword(database.db, newer!, 'the new long passphrase', forged.ip)).toBe(true);
		expect(await resetPassword(database.db, older!, 'an attacker passphrase', forged.ip)).toBe(false);
		expect((await signIn(database.db, person.email, 'the new long passphrase', forged)).ok).toBe(true);
	});
});

describe('the public origin setting', () => {
	it('refuses a production start that would send mail without PUBLIC_ORIGIN, in one line', () => {
		expect(() => loadConfig({ SMTP_URL: 'smtp://mail:25' })).toThrowError(/^Invalid SMTP_URL: sending mail needs PUBLIC_ORIGIN[^\n]*$/);
		expect(loadConfig({ SMTP_URL: 'smtp://mail:25', PUBLIC_ORIGIN: 'https://praxis.example.org' }).smtpUrl).toBe('smtp://mail:25');
		// Out of the box (no SMTP: mails are read in the admin outbox) nothing is needed.
		expect(loadConfig({}).publicOrigin).toBeUndefined();
	});

	it('counts TRUST_PROXY as a number of proxies (true is one)', () => {
		expect(loadConfig({}).proxyHops).toBe(0);
		expect(loadConfig({ TRUST_PROXY: 'true' }).proxyHops).toBe(1);
		expect(loadConfig({ TRUST_PROXY: '2' }).proxyHops).toBe(2);
		expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrowError(/^Invalid TRUST_PROXY="11"/);
	});
});

describe('proxy headers', () => {
	const request = (headers: Record<string, string>) =>
		({ headers, socket: { encrypted: false, remoteAddress: '10.0.0.9' } }) as unknown as IncomingMessage;

	it('take the right-most host and protocol, the ones our proxy wrote, not the client’s', () => {
		const req = request({ host: 'app:3000', 'x-forwarded-host': 'evil.example, praxis.example.org', 'x-forwarded-proto': 'http, https' });
		expect(requestOrigin(req, { publicOrigin: undefined, proxyHops: 1 })).toMatchObject({ protocol: 'https', host: 'praxis.example.org' });
	});

	it('trust only the configured number of hops for the client address', () => {
		const req = request({ host: 'app', 'x-forwarded-for': '6.6.6.6, 198.51.100.1, 10.0.0.2' });
		expect(requestOrigin(req, { publicOrigin: undefined, proxyHops: 1 }).address).toBe('10.0.0.2');
		expect(requestOrigin(req, { publicOrigin: undefined, proxyHops: 2 }).address).toBe('198.51.100.1');
		expect(requestOrigin(req, { publicOrigin: undefined, proxyHops: 0 }).address).toBe('10.0.0.9');
	});
});

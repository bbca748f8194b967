// Issue 16, defect 3: the outbox does not keep usable links. A mail's link (its token is the
// recipient's credential) is stored apart from the text, put in only when the mail is sent, and
// gone from the stored copy once it is delivered, after MAIL_LINK_HOURS, or once an administrator
// was shown it (no SMTP); the admin list never shows it; old mails are deleted.
import { eq, sql } from 'drizzle-orm';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestPasswordReset, signUp } from '../../src/lib/server/accounts/service.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { mailOutbox, auditEvent } from '../../src/lib/server/db/schema/platform.ts';
import { deliverMail, listOutbox, purgeOutbox, revealOutboxLink } from '../../src/lib/server/mail/index.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { member } from '../helpers/actors.ts';
import { testDatabases } from '../helpers/db.ts';

const ctx = { ip: '203.0.113.9', origin: 'http://localhost:3000', device: 'Firefox · Linux', locale: 'en' as const };
const person = { displayName: 'Ola', email: 'ola@example.org', password: 'a long enough passphrase', locale: 'en' as const, country: 'NO', sector: 'school' };
const admin: Actor = { id: '00000000-0000-4000-8000-000000000001', role: 'admin', emailVerified: true, totpEnabled: true, secondFactorVerified: true };
const tokenOf = (link: string) => link.match(/\/(?:verify-email|reset-password)\/([\w-]+)/)![1]!;

describe.each(testDatabases())('the mail outbox on $name', ({ open }) => {
	let database: Database;
	beforeEach(async () => {
		database = await open();
		await signUp(database.db, person, ctx);
		await requestPasswordReset(database.db, person.email, ctx);
	});
	afterEach(async () => {
		await database.close();
	});

	const rows = () => database.db.select().from(mailOutbox).orderBy(mailOutbox.id);

	it('stores the text without the link, sends the mail with it, and keeps no token once delivered', async () => {
		const [verify] = await rows();
		const token = tokenOf(verify!.link!);
		expect(verify!.text + verify!.html).not.toContain(token);

		const sent: string[] = [];
		// A real transport that builds the message and keeps it here: nothing leaves the machine.
		const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
		const via = { sendMail: async (message: SendMailOptions) => sent.push(String((await transport.sendMail(message)).message)) };
		await deliverMail(database.db, verify!.id, via as unknown as Transporter);
		expect(sent).toHaveLength(1);
		expect(sent[0]!.replace(/=\r?\n/g, '')).toContain(token);

		const [stored] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, verify!.id));
		expect(stored!.sentAt).not.toBeNull();
		expect(stored!.link).toBeNull();
		expect(JSON.stringify(stored)).not.toContain(token);
	});

	it('never lists a link to an administrator, and refuses the list to anyone else', async () => {
		const tokens = (await rows()).map((r) => tokenOf(r.link!));
		const listed = await listOutbox(database.db, admin);
		if (!listed.ok) throw new Error('refused');
		expect(listed.value).toHaveLength(2);
		expect(listed.value.every((mail) => mail.hasLink)).toBe(true);
		for (const token of tokens) expect(JSON.stringify(listed.value)).not.toContain(token);
		expect(await listOutbox(database.db, member(admin.id))).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
	});

	it('without SMTP shows an administrator an undelivered link once, audit-logged, then forgets it', async () => {
		const [verify] = await rows();
		expect(await revealOutboxLink(database.db, member(admin.id), verify!.id, ctx.ip)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		const shown = await revealOutboxLink(database.db, admin, verify!.id, ctx.ip);
		expect(shown).toEqual({ ok: true, value: { to: person.email, link: verify!.link } });
		expect((await rows())[0]!.link).toBeNull();
		expect(await revealOutboxLink(database.db, admin, verify!.id, ctx.ip)).toMatchObject({ ok: false, problem: { kind: 'not_found', key: 'admin_outbox_link_gone' } });
		const logged = await database.db.select().from(auditEvent).where(eq(auditEvent.event, 'mail_link_revealed'));
		expect(logged).toMatchObject([{ actorId: admin.id, detail: { mailId: verify!.id } }]);
	});

	it('drops links older than MAIL_LINK_HOURS and mails older than MAIL_RETENTION_DAYS', async () => {
		const [verify, reset] = await rows();
		await database.db.update(mailOutbox).set({ createdAt: sql`now() - interval '49 hours'` }).where(eq(mailOutbox.id, verify!.id));
		await database.db.update(mailOutbox).set({ createdAt: sql`now() - interval '31 days'` }).where(eq(mailOutbox.id, reset!.id));
		await purgeOutbox(database.db, { linkHours: 48, retentionDays: 30 });
		expect(await rows()).toMatchObject([{ id: verify!.id, link: null }]);
	});
});

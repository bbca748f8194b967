// Domain events after commit, on both engines: what survives a crash between commit and send, what
// a rollback leaves (nothing), how a failing handler is retried, and the realtime fan-out and
// stream replay. Mail goes to a real SMTP server started here (smtp-server), not a stand-in.
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client.ts';
import { domainEvent, mailOutbox } from '../../src/lib/server/db/schema/platform.ts';
import { emit, EVENTS_CHANNEL } from '../../src/lib/server/events/index.ts';
import { sendMail, type Mail } from '../../src/lib/server/mail/index.ts';
import { listEvents, retryEvent, startDispatcher, startEvents, type Events } from '../../src/lib/server/platform/events/index.ts';
import { closeAll, eventStream, openStreams, personChannel, subscribe, type RealtimeEvent } from '../../src/lib/server/realtime/index.ts';
import { MIGRATIONS, testDatabases } from '../helpers/db.ts';
import { openPostgres } from '../../src/lib/server/db/client.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

type Received = { to: string; text: string };
const inbox: Received[] = [];
let refuseNext = 0;
let smtp: SMTPServer;

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (refuseNext > 0) {
				refuseNext--;
				const busy = Object.assign(new Error('Mailbox busy, try later'), { responseCode: 450 });
				return callback(busy);
			}
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text: Buffer.concat(chunks).toString('utf8') });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	// config() is read at the first mail (tests/helpers/setup-file.ts forgets it between files): mail goes to this server.
	process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
	// Mail links need a public origin whenever mail really leaves (config refuses SMTP_URL without it).
	process.env.PUBLIC_ORIGIN ??= 'https://praxis.test';
});

afterAll(async () => {
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const mail = (to: string): Mail => ({
	to,
	locale: 'en',
	kind: 'test',
	link: 'https://praxis.test/verify/abc',
	words: { subject: 'Confirm your address', body: 'Hello.', action: 'Confirm' }
});

async function eventRows(database: Database) {
	return database.db.select().from(domainEvent).orderBy(domainEvent.id);
}

/** Waits until `check` holds (the dispatcher works in the background), or fails after `ms`. */
async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 25));
	}
}

describe.each(testDatabases())('domain events on $name', ({ open }) => {
	let database: Database;
	let events: Events | undefined;
	beforeEach(async () => {
		database = await open();
		inbox.length = 0;
		refuseNext = 0;
	});
	afterEach(async () => {
		await events?.stop();
		events = undefined;
		await database.close();
	});

	it('a mail queued in a committed transaction survives with no dispatcher running and is sent when one starts', async () => {
		await database.db.transaction(async (tx) => {
			await sendMail(tx, mail('ada@example.org'));
		});
		// The app "died" here: committed, nothing sent. The event row is what remembers the mail.
		const [waiting] = await eventRows(database);
		expect(waiting).toMatchObject({ type: 'mail.send', status: 'pending', attempts: 0 });
		const [queued] = await database.db.select().from(mailOutbox);
		expect(queued!.sentAt).toBeNull();
		expect(inbox).toHaveLength(0);

		// The next start sends it.
		events = await startEvents(database, { pollMs: 50 });
		await events.dispatcher.drain();
		expect(inbox).toHaveLength(1);
		expect(inbox[0]!.to).toBe('ada@example.org');
		expect(inbox[0]!.text).toContain('Subject: Confirm your address');
		const [sent] = await database.db.select().from(mailOutbox);
		expect(sent!.sentAt).not.toBeNull();
		const [done] = await eventRows(database);
		expect(done).toMatchObject({ status: 'done', attempts: 1, lastError: null });

		// Handled again (at least once), the mail is not sent twice.
		await database.db.update(domainEvent).set({ status: 'pending', nextAttemptAt: sql`now()` });
		await events.dispatcher.drain();
		expect(inbox).toHaveLength(1);
	});

	it('a running dispatcher sends a mail soon after its transaction commits (woken by NOTIFY)', async () => {
		// A poll far away: only the notification can wake it in time.
		events = await startEvents(database, { pollMs: 60_000 });
		await events.dispatcher.drain();
		await database.db.transaction((tx) => sendMail(tx, mail('bo@example.org')));
		await until(() => inbox.length === 1);
		expect(inbox[0]!.to).toBe('bo@example.org');
	});

	it('a rolled-back transaction emits nothing and notifies nobody', async () => {
		const heard: string[] = [];
		const unlisten = await database.listen(EVENTS_CHANNEL, (id) => heard.push(id));
		await expect(
			database.db.transaction(async (tx) => {
				await sendMail(tx, mail('cy@example.org'));
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await eventRows(database)).toHaveLength(0);
		expect(await database.db.select().from(mailOutbox)).toHaveLength(0);
		// A committed one is heard: the listener works, so the silence above means something.
		const id = await database.db.transaction((tx) => emit(tx, { type: 'test.committed' }));
		await until(() => heard.length > 0);
		expect(heard).toEqual([String(id)]);
		await unlisten();
	});

	it('a refused mail is retried after a backoff, with the error shown on the outbox row meanwhile', async () => {
		refuseNext = 1;
		events = await startEvents(database, { pollMs: 20, backoffMs: () => 300 });
		await database.db.transaction((tx) => sendMail(tx, mail('di@example.org')));
		await until(async () => (await eventRows(database))[0]?.lastError != null);
		const [refused] = await database.db.select().from(mailOutbox);
		expect(refused!.error).toMatch(/busy/i);
		expect(refused!.sentAt).toBeNull();
		// The sink has the mail before the dispatcher records the success on the outbox row and then
		// on the event: wait for all three.
		await until(async () => inbox.length === 1 && (await eventRows(database))[0]?.status === 'done');
		const [sent] = await database.db.select().from(mailOutbox);
		expect(sent).toMatchObject({ error: null });
		expect(inbox).toHaveLength(1);
		expect((await eventRows(database))[0]).toMatchObject({ status: 'done', attempts: 2 });
	});

	it('a failing handler is retried with growing waits and ends failed with its error', async () => {
		const attempts: number[] = [];
		const dispatcher = await startDispatcher(database, {
			handlersOf: (e) =>
				e.type === 'test.flaky'
					? [
							async () => {
								attempts.push(Date.now());
								throw new Error(`the partner system said no (${attempts.length})`);
							}
						]
					: [],
			pollMs: 20,
			maxAttempts: 3,
			backoffMs: (n) => 100 * 2 ** (n - 1)
		});
		try {
			await emit(database.db, { type: 'test.flaky', payload: { n: 1 } });
			await until(async () => (await eventRows(database))[0]?.status === 'failed');
			const [failed] = await eventRows(database);
			expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastError: 'the partner system said no (3)' });
			expect(attempts).toHaveLength(3);
			// 100 ms after the first failure, 200 ms after the second.
			expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(95);
			expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(195);
			// Failed for good: no more attempts.
			await new Promise((r) => setTimeout(r, 300));
			expect(attempts).toHaveLength(3);
		} finally {
			await dispatcher.stop();
		}
	});

	it('stops without waiting long for a handler that hangs; the event stays due for another try', async () => {
		const dispatcher = await startDispatcher(database, {
			handlersOf: () => [() => new Promise<void>(() => {})],
			pollMs: 20,
			leaseMs: 60_000,
			stopWaitMs: 200
		});
		await emit(database.db, { type: 'test.hangs' });
		await until(async () => (await eventRows(database))[0]?.attempts === 1);
		const started = Date.now();
		await dispatcher.stop();
		expect(Date.now() - started).toBeLessThan(2000);
		// Still pending: once its lease runs out, a dispatcher takes it again.
		expect((await eventRows(database))[0]).toMatchObject({ status: 'pending', attempts: 1 });
	});

	it('shows failed events to admins only, and an admin can put one back in the queue', async () => {
		const admin = { id: '00000000-0000-4000-8000-000000000001', role: 'admin', emailVerified: true, totpEnabled: true, secondFactorVerified: true };
		const member = { ...admin, id: '00000000-0000-4000-8000-000000000002', role: 'member' };
		const id = await emit(database.db, { type: 'test.broken' });
		await database.db.update(domainEvent).set({ status: 'failed', attempts: 8, lastError: 'the partner system is gone' });
		expect(await listEvents(database.db, member)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await listEvents(database.db, null)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		const listed = await listEvents(database.db, admin);
		expect(listed.ok && listed.value.failed).toMatchObject([{ id, type: 'test.broken', attempts: 8, lastError: 'the partner system is gone' }]);
		expect(await retryEvent(database.db, member, id)).toMatchObject({ ok: false, problem: { kind: 'forbidden' } });
		expect(await retryEvent(database.db, admin, id)).toEqual({ ok: true, value: null });
		expect((await eventRows(database))[0]).toMatchObject({ status: 'pending', attempts: 0 });
		// Only a failed event can be retried.
		expect(await retryEvent(database.db, admin, id)).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
	});

	it('an event on a channel reaches its subscribers after commit, and a stream resumes from Last-Event-ID', async () => {
		events = await startEvents(database, { pollMs: 50 });
		const received: RealtimeEvent[] = [];
		const unsubscribe = subscribe('cohort:test', (e) => received.push(e));
		const first = await database.db.transaction((tx) => emit(tx, { type: 'test.progress', channel: 'cohort:test', payload: { n: 1 } }));
		await until(() => received.length === 1);
		expect(received[0]).toMatchObject({ id: first, type: 'test.progress', channel: 'cohort:test', payload: { n: 1 } });
		const second = await emit(database.db, { type: 'test.progress', channel: 'cohort:test', payload: { n: 2 } });
		await emit(database.db, { type: 'test.other', channel: 'cohort:other' });
		await until(() => received.length === 2);
		unsubscribe();

		// A browser that saw the first event reconnects: it gets the second from the table, then live ones.
		const abort = new AbortController();
		const response = eventStream(database.db, new Request('http://praxis.test/events', { headers: { 'last-event-id': String(first) }, signal: abort.signal }), {
			channel: 'cohort:test',
			heartbeatMs: 50
		});
		expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
		const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
		let text = '';
		const readUntil = async (needle: string) => {
			while (!text.includes(needle)) {
				const { value, done } = await reader.read();
				if (done) throw new Error(`stream ended before ${needle}`);
				text += value;
			}
		};
		await readUntil(`id: ${second}\n`);
		expect(text).toContain(`id: ${second}\nevent: test.progress\ndata: {"n":2}\n\n`);
		expect(text).not.toContain(`id: ${first}\n`);
		const third = await emit(database.db, { type: 'test.progress', channel: 'cohort:test', payload: { n: 3 } });
		await readUntil(`id: ${third}\n`);
		await readUntil(': heartbeat');
		expect(text).not.toContain('cohort:other');
		expect(openStreams()).toBe(1);
		abort.abort();
		expect(openStreams()).toBe(0);
	});

	it('fans an event out after its handlers have run, whole in the NOTIFY or, when too large for it, read back from the table', async () => {
		const order: string[] = [];
		events = await startEvents(database, { pollMs: 50 });
		await events.dispatcher.stop();
		const dispatcher = await startDispatcher(database, {
			handlersOf: (e) => (e.type === 'test.handled' ? [async () => void order.push(`handled ${e.id}`)] : []),
			pollMs: 50
		});
		try {
			const received: RealtimeEvent[] = [];
			const unsubscribe = subscribe('space:big', (e) => {
				received.push(e);
				order.push(`received ${e.id}`);
			});
			const handled = await emit(database.db, { type: 'test.handled', channel: 'space:big', payload: { n: 1 } });
			await until(() => received.length === 1);
			expect(order).toEqual([`handled ${handled}`, `received ${handled}`]);
			// Ten thousand characters do not fit in a NOTIFY: the subscriber gets the same event all the same.
			const text = 'ž'.repeat(10_000);
			const big = await emit(database.db, { type: 'test.big', channel: 'space:big', payload: { text } });
			await until(() => received.length === 2);
			expect(received[1]).toMatchObject({ id: big, type: 'test.big', channel: 'space:big', payload: { text } });
			expect(received[1]!.createdAt).toBeInstanceOf(Date);
			unsubscribe();
			expect((await eventRows(database)).every((e) => e.status === 'done')).toBe(true);
		} finally {
			await dispatcher.stop();
		}
	});

	it('a stream with a personal reader also carries their own channel, and no one else’s, live and on resume', async () => {
		events = await startEvents(database, { pollMs: 50 });
		const ana = '00000000-0000-4000-8000-0000000000a1';
		const ben = '00000000-0000-4000-8000-0000000000b2';
		const before = await emit(database.db, { type: 'test.marker', channel: 'thread:t' });
		const missed = await emit(database.db, { type: 'community.unread_changed', channel: personChannel(ana), payload: { n: 1 } });
		await emit(database.db, { type: 'community.unread_changed', channel: personChannel(ben), payload: { secret: 'ben' } });
		const abort = new AbortController();
		const response = eventStream(database.db, new Request('http://praxis.test/events', { headers: { 'last-event-id': String(before) }, signal: abort.signal }), {
			channel: 'thread:t',
			personal: ana,
			// The page's own events are shaped and filtered; the reader's own pass as emitted.
			data: (e) => ({ postId: e.payload.postId }),
			only: (e) => e.type === 'test.reply'
		});
		const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
		let text = '';
		const readUntil = async (needle: string) => {
			while (!text.includes(needle)) {
				const { value, done } = await reader.read();
				if (done) throw new Error(`stream ended before ${needle}`);
				text += value;
			}
		};
		// Resumed: Ana's missed notice comes from the table.
		await readUntil(`id: ${missed}\n`);
		expect(text).toContain(`id: ${missed}\nevent: community.unread_changed\ndata: {"n":1}\n\n`);
		// Live: the thread's reply, then Ana's next notice; Ben's never, nor a thread event the page filters out.
		await emit(database.db, { type: 'community.unread_changed', channel: personChannel(ben), payload: { secret: 'ben' } });
		await emit(database.db, { type: 'test.other', channel: 'thread:t' });
		const reply = await emit(database.db, { type: 'test.reply', channel: 'thread:t', payload: { postId: 'p1', extra: 'x' } });
		const live = await emit(database.db, { type: 'community.unread_changed', channel: personChannel(ana), payload: { n: 2 } });
		await readUntil(`id: ${reply}\n`);
		await readUntil(`id: ${live}\n`);
		expect(text).toContain(`id: ${reply}\nevent: test.reply\ndata: {"postId":"p1"}\n\n`);
		expect(text).toContain(`id: ${live}\nevent: community.unread_changed\ndata: {"n":2}\n\n`);
		expect(text).not.toContain('ben');
		expect(text).not.toContain('test.other');
		abort.abort();
		expect(openStreams()).toBe(0);

		// Without `personal`, the same stream carries nothing of Ana's.
		const plain = new AbortController();
		const anonymous = eventStream(database.db, new Request('http://praxis.test/events', { headers: { 'last-event-id': String(before) }, signal: plain.signal }), { channel: 'thread:t' });
		const r2 = anonymous.body!.pipeThrough(new TextDecoderStream()).getReader();
		let t2 = '';
		while (!t2.includes(`id: ${reply}\n`)) {
			const { value, done } = await r2.read();
			if (done) throw new Error('stream ended');
			t2 += value;
		}
		expect(t2).not.toContain('community.unread_changed');
		plain.abort();
	});
});

// Several app instances on one PostgreSQL database: their dispatchers share the queue without doing an
// event twice, and each instance's LISTEN connection comes back after it is lost.
describe.skipIf(!process.env.TEST_DATABASE_URL)('instances sharing one PostgreSQL database', () => {
	const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://skipped';
	const name = `praxis_test_${randomBytes(6).toString('hex')}`;
	const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
	const admin = async (query: string) => {
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		await client.query(query);
		await client.end();
	};
	beforeAll(() => admin(`create database ${name}`));
	afterAll(() => admin(`drop database if exists ${name} with (force)`));

	it('claims each event once (FOR UPDATE SKIP LOCKED) and both take part', async () => {
		const [one, two] = [await openPostgres(url, 3), await openPostgres(url, 3)];
		await migrate(one, MIGRATIONS);
		const handled: [string, number][] = [];
		const slowHandler = (who: string) => async (_db: unknown, e: { id: number }) => {
			handled.push([who, e.id]);
			await new Promise((r) => setTimeout(r, 5));
		};
		const options = (who: string) => ({ handlersOf: () => [slowHandler(who)], pollMs: 20, batch: 3 });
		const dispatchers = [await startDispatcher(one, options('one')), await startDispatcher(two, options('two'))];
		try {
			const ids: number[] = [];
			for (let i = 0; i < 60; i++) ids.push(await emit(one.db, { type: 'test.shared', payload: { i } }));
			await until(async () => (await one.db.select().from(domainEvent).where(eq(domainEvent.status, 'done'))).length === 60);
			expect(handled.map(([, id]) => id).sort((a, b) => a - b)).toEqual(ids);
			expect(new Set(handled.map(([who]) => who))).toEqual(new Set(['one', 'two']));
		} finally {
			for (const d of dispatchers) await d.stop();
			await one.close();
			await two.close();
		}
	});

	it('LISTEN survives a lost connection: the listener reconnects and listens again', async () => {
		const database = await openPostgres(url, 2);
		try {
			const heard: string[] = [];
			await database.listen('praxis_test_reconnect', (payload) => heard.push(payload));
			const notify = (payload: string) => database.db.execute(sql`select pg_notify('praxis_test_reconnect', ${payload})`);
			await notify('before');
			await until(() => heard.includes('before'));
			// An operator (or a failover) ends the listening connection.
			await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%'`);
			// Until it is back, notifications are lost (that is NOTIFY); then they arrive again.
			await until(async () => {
				await notify('after');
				return heard.includes('after');
			});
		} finally {
			await database.close();
		}
	});
});

describe('shutdown', () => {
	it('closeAll ends every open stream, and one opened afterwards ends at once', async () => {
		const noDb = {} as Database['db'];
		const streams = Array.from({ length: 50 }, () => eventStream(noDb, new Request('http://praxis.test/events'), { channel: 'cohort:x' }));
		expect(openStreams()).toBe(50);
		expect(closeAll()).toBe(50);
		expect(openStreams()).toBe(0);
		for (const s of streams) {
			const reader = s.body!.getReader();
			while (!(await reader.read()).done);
		}
		const late = eventStream(noDb, new Request('http://praxis.test/events'), { channel: 'cohort:x' });
		const reader = late.body!.getReader();
		while (!(await reader.read()).done);
		expect(openStreams()).toBe(0);
	});
});

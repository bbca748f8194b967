// The browser suite's mail server: the app under test sends its mail here by SMTP (SMTP_URL), as
// it would to a real one, and the tests read what arrived over HTTP (GET /mails?to=…, newest
// first). The web outbox never shows links, so this is how a test clicks the link in a mail.
// Started by playwright.config.ts before the app: `node tests/e2e/mail-sink.ts <smtp port> <http port>`.
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; subject: string; text: string; receivedAt: string };

const [smtpPort, httpPort] = process.argv.slice(2).map(Number) as [number, number];
const received: ReceivedMail[] = [];

const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS', 'AUTH'],
	logger: false,
	size: 1024 * 1024,
	onData(stream, session, callback) {
		simpleParser(stream)
			.then((parsed) => {
				received.push({
					to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
					subject: parsed.subject ?? '',
					text: parsed.text ?? '',
					receivedAt: new Date().toISOString()
				});
				callback();
			})
			.catch((error: Error) => callback(error));
	}
});

const api = http.createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://localhost');
	if (url.pathname === '/health') return void res.end('ok');
	if (url.pathname !== '/mails') return void res.writeHead(404).end();
	const to = url.searchParams.get('to')?.toLowerCase();
	const mails = received.filter((mail) => !to || mail.to.includes(to)).reverse();
	res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mails));
});

smtp.listen(smtpPort, '127.0.0.1');
api.listen(httpPort, '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));

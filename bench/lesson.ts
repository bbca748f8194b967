// `npm run bench:lesson`: a signed-in learner's lesson page under load (the heaviest page a
// learner opens: the course outline, the lesson, their progress and answers), beside the bare
// node:http ceiling, and the lesson page's JavaScript and CSS weight. Figures only.
import { compareWithCeiling, header, printPageWeight, runScript, startServer } from './lib.ts';

const PORT = 3142;
const EMAIL = 'bench@praxis.test';
const PASSWORD = 'a long benchmark passphrase';
let link = '';
const server = await startServer(PORT, (env) => {
	// The operator's command makes an account with a link to set its password; the benchmark learner uses it.
	link = runScript('scripts/admin-create.ts', ['--email', EMAIL, '--name', 'Bench Learner'], env).match(/https?:\/\/\S+/)![0];
});
try {
	const form = (data: Record<string, string>) => ({
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base, accept: 'text/html' },
		body: new URLSearchParams(data).toString(),
		redirect: 'manual' as const
	});
	const path = new URL(link).pathname;
	const set = await fetch(server.base + path, form({ password: PASSWORD, confirm: PASSWORD }));
	if (!set.ok) throw new Error(`could not set the password (${set.status}): ${(await set.text()).slice(0, 300)}`);
	const signedIn = await fetch(`${server.base}/en/signin?/signin`, form({ email: EMAIL, password: PASSWORD }));
	const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (!cookie) throw new Error('could not sign in');
	const enrol = await fetch(`${server.base}/en/learn/foundations?/enrol`, { ...form({}), headers: { ...form({}).headers, cookie } });
	const lesson = enrol.headers.get('location');
	if (!lesson) throw new Error(`could not enrol (${enrol.status})`);

	header();
	await compareWithCeiling(server.base, lesson, { cookie });
	await printPageWeight(server.base, lesson, 'Lesson page', { cookie });
} finally {
	await server.stop();
}

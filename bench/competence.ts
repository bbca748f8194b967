// `npm run bench:competence`: a practitioner's own tools under load — the results page of a
// finished self-assessment (every area answered) and the CPD log with 200 entries across three
// years — signed in, beside the bare node:http ceiling. The data is made through the app's own
// forms, as a person would. Figures only.
import { compareWithCeiling, header, startWithLearner } from './lib.ts';

const { server, cookie } = await startWithLearner(3144);
const post = (path: string, data: URLSearchParams | Record<string, string>) =>
	fetch(server.base + path, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base, accept: 'text/html', cookie },
		body: (data instanceof URLSearchParams ? data : new URLSearchParams(data)).toString(),
		redirect: 'manual'
	});
const page = async (path: string) => {
	const response = await fetch(server.base + path, { headers: { cookie } });
	if (!response.ok) throw new Error(`${path}: ${response.status}`);
	return response.text();
};

try {
	const started = await post('/en/competence?/start', { from: 'blank' });
	const assessment = started.headers.get('location')?.match(/\/competence\/([\w-]+)$/)?.[1];
	if (!assessment) throw new Error(`could not start an assessment (${started.status})`);
	const areas = [...new Set([...(await page(`/en/competence/${assessment}`)).matchAll(new RegExp(`/competence/${assessment}/(area-\\d+)`, 'g'))].map((m) => m[1]!))];
	for (const [i, area] of areas.entries()) {
		const html = await page(`/en/competence/${assessment}/${area}`);
		const statements = [...new Set([...html.matchAll(/name="(a:[\w-]+)"/g)].map((m) => m[1]!))];
		const values = [...new Set([...html.matchAll(/name="a:[\w-]+"[^>]*value="([^"]+)"/g)].map((m) => m[1]!))].filter((v) => /^\d+$/.test(v));
		const form = new URLSearchParams({ intent: 'done', note: `Evidence for ${area}.` });
		statements.forEach((name, j) => form.set(name, values[(i + j) % values.length]!));
		const saved = await post(`/en/competence/${assessment}/${area}?/save`, form);
		if (saved.status !== 303) throw new Error(`${area}: ${saved.status}`);
	}
	const year = new Date().getFullYear();
	for (let i = 0; i < 200; i++) {
		const day = new Date(Date.UTC(year - (i % 3), i % 12, 1 + (i % 28))).toISOString().slice(0, 10);
		const form = new URLSearchParams({ title: `Learning activity ${i + 1}`, type: 'workshop', startsOn: day, hours: String(1 + (i % 6)), provider: 'Bench provider', reflection: 'What I learned and will do differently.' });
		form.append('competenceAreas', areas[i % areas.length]!);
		const saved = await post('/en/cpd/new', form);
		if (saved.status !== 303) throw new Error(`CPD entry ${i}: ${saved.status}`);
	}
	header();
	console.log(`\nA finished assessment (${areas.length} areas) and 200 CPD entries, signed in:`);
	await compareWithCeiling(server.base, `/en/competence/${assessment}/results`, { cookie });
	await compareWithCeiling(server.base, '/en/cpd', { cookie });
	// The floor of any signed-in page: the session, the header's unread count, the account page.
	await compareWithCeiling(server.base, '/en/account', { cookie });
} finally {
	await server.stop();
}

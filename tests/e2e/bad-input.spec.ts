import { expect, messages, test } from './fixtures.ts';

// Every public form field, fed empty, overlong, wrongly typed and script input: each answer is a
// 4xx with a translated message in the page, never a 500, and nothing is saved.
const pl = messages('pl');
const ORIGIN = 'http://localhost:3123';
const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: ORIGIN };
const LONG = 'x'.repeat(10_000);
const SCRIPT = '<script>alert(1)</script>';

const valid: Record<string, Record<string, string>> = {
	'/pl/signup': { displayName: 'Ewa', email: 'ewa@praxis.test', password: 'bardzo długie hasło 2026', locale: 'pl', country: 'PL', sector: 'school' },
	'/pl/signin?/signin': { email: 'ewa@praxis.test', password: 'whatever it is' },
	'/pl/forgot-password': { email: 'ewa@praxis.test' }
};

const cases: [string, (v: string) => string][] = [
	['empty', () => ''],
	['10,000 characters', () => LONG],
	['script', () => SCRIPT],
	['wrong type', (v) => (v.includes('@') ? '12345' : '\u0000')]
];

for (const [path, fields] of Object.entries(valid)) {
	for (const field of Object.keys(fields)) {
		for (const [kind, bad] of cases) {
			// Passwords are free text: only empty and overlong ones are wrong. (Sending the others to
			// sign-up would create accounts and use up the run's sign-up limit.)
			if (field === 'password' && kind !== 'empty' && kind !== '10,000 characters') continue;
			test(`${path} ${field}: ${kind}`, async ({ request }) => {
				const body = new URLSearchParams({ ...fields, [field]: bad(fields[field]!) }).toString();
				const response = await request.post(path, { headers, data: body });
				const text = (await response.text())
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&quot;/g, '"')
					.replace(/&#39;/g, "'")
					.replace(/&amp;/g, '&');
				expect(response.status(), text.slice(0, 200)).toBeGreaterThanOrEqual(400);
				expect(response.status()).toBeLessThan(500);
				const translated = [pl.error_required, pl.error_too_long, pl.error_no_markup, pl.error_email_invalid, pl.error_choose, pl.error_invalid, pl.error_password_too_short, pl.error_password_too_long];
				expect(translated.some((message) => text.includes(message!))).toBe(true);
				// Never echoed back as markup.
				expect(await response.text()).not.toContain(SCRIPT);
			});
		}
	}
}

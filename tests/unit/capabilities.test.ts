// The capability manifests, checked as the platform uses them: every mail a capability declares
// renders in every language, every security event the code records is in the audit vocabulary
// (and has a label for the admin's log), and no two capabilities claim the same name.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales.ts';
import { CAPABILITIES } from '../../src/lib/server/capabilities.ts';
import { AUDIT_EVENTS } from '../../src/lib/server/platform/audit.ts';
import { CONTENT_IMPORTERS } from '../../src/lib/server/platform/content.ts';
import { MAIL_TEMPLATES } from '../../src/lib/server/platform/mail.ts';
import { SEARCH_TYPES } from '../../src/lib/server/platform/search.ts';
import { renderMail, withLink } from '../../src/lib/server/mail/index.ts';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && e.name.endsWith('.ts'))
		.map((e) => path.join(e.parentPath, e.name));
}

const unique = (list: readonly string[]) => new Set(list).size === list.length;

describe('capability manifests', () => {
	it('give every capability, content type, search type, personal-data part and mail kind one owner', () => {
		expect(unique(CAPABILITIES.map((c) => c.name))).toBe(true);
		expect(unique(CONTENT_IMPORTERS.map((i) => i.type))).toBe(true);
		expect(unique(SEARCH_TYPES)).toBe(true);
		expect(unique(CAPABILITIES.flatMap((c) => c.personalData ?? []).map((p) => p.key))).toBe(true);
		expect(unique(CAPABILITIES.flatMap((c) => Object.keys(c.mail ?? {})))).toBe(true);
		expect(unique(AUDIT_EVENTS)).toBe(true);
		// Content that links to other content is imported after it.
		expect(CONTENT_IMPORTERS.map((i) => i.type)).toEqual(['glossary', 'frameworks', 'courses', 'cards', 'community', 'practices', 'resources']);
	});

	it('render every kind of mail in every language, translated, with the link', () => {
		expect(Object.keys(MAIL_TEMPLATES).length).toBeGreaterThanOrEqual(7);
		const params = { name: 'Ada', organisation: 'Career Centre', inviter: 'Bo', role: 'leader', cohort: 'Spring', course: 'Foundations' };
		for (const [kind, template] of Object.entries(MAIL_TEMPLATES)) {
			const english = template(params, 'en');
			for (const locale of LOCALES) {
				const words = template(params, locale);
				for (const text of [words.subject, words.body, words.action]) expect(text.trim(), `${kind} in ${locale}`).not.toBe('');
				if (locale !== 'en') expect(words.body, `${kind} in ${locale} is not English`).not.toBe(english.body);
				const mail = renderMail({ locale, words });
				const link = 'https://praxis.test/x?a=1&b=2';
				expect(withLink(mail.text, link, '')).toContain(link);
				expect(mail.html).toContain(`lang="${locale}"`);
				expect(withLink(mail.html, link, '', true)).toContain('href="https://praxis.test/x?a=1&#38;b=2"');
			}
		}
	});

	it('know every security event the code records, each with a label in the admin log', () => {
		const recorded = new Set<string>();
		for (const file of sourceFiles('src/lib/server')) {
			const text = readFileSync(file, 'utf8');
			for (const call of text.matchAll(/\baudit\((?:[^()]|\([^()]*\))*\)/g)) {
				const event = /event:\s*([^,}]+)/.exec(call[0]);
				if (!event) continue;
				// `cond ? 'a' : 'b'`: the names are the branches, not the condition.
				const names = event[1]!.includes('?') ? event[1]!.slice(event[1]!.indexOf('?')) : event[1]!;
				for (const literal of names.matchAll(/'([a-z_]+)'/g)) recorded.add(literal[1]!);
			}
		}
		expect(recorded.size).toBeGreaterThan(20);
		expect([...recorded].filter((e) => !AUDIT_EVENTS.includes(e))).toEqual([]);
		const labels = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, string>;
		expect(AUDIT_EVENTS.filter((e) => !labels[`audit_${e}`])).toEqual([]);
	});
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guidelineOpeningProblems, guidelineOpenings, lessonOpeningProblems, quotedOpening, readGuidelineNodes } from '../../src/lib/server/content/guideline-openings.ts';
import { readCourses } from '../../src/lib/server/learn/content/files.ts';
import type { AppLocale } from '../../src/lib/i18n/locales.ts';

const CONTENT = path.resolve('content');

/** The guidelines part of a framework: three groups quoting `openings` (en), items opening with `bodies`. */
function guidelines(openings: [string, string, string], bodies: [string[], string[], string[]]) {
	const keys = ['guidelines-competence', 'guidelines-relation', 'guidelines-reflection'];
	return [
		{
			key: 'guidelines',
			children: keys.map((key, g) => ({
				key,
				translations: { en: { body: `Each completes the sentence “${openings[g]} …”.` } },
				children: bodies[g]!.map((body, i) => ({ key: `${key}-${i}`, translations: { en: { body } } }))
			}))
		}
	];
}

describe('the openings of the ethical guidelines', () => {
	it('reads the sentence a group quotes', () => {
		expect(quotedOpening('Each completes the sentence “When I provide career guidance, I …”.')).toBe('When I provide career guidance, I');
		expect(quotedOpening('Hver av dem fullfører setningen «Når jeg gir karriereveiledning, …».')).toBe('Når jeg gir karriereveiledning');
		expect(quotedOpening('No quotation here.')).toBeNull();
	});

	it('fails one opening for all twelve (the content before issue 18), and passes three official ones', () => {
		const one = 'When I provide career guidance, I';
		const wrong = guidelines([one, one, one], [[`${one} know.`], [`${one} respect.`], [`${one} reflect on my practice by asking.`]]);
		const reasons = guidelineOpeningProblems(wrong).filter((p) => p.field.includes('.en.')).map((p) => `${p.field}: ${p.reason}`);
		expect(reasons).toEqual([
			'guidelines-relation.en.body: quotes “When I provide career guidance, I …”; the official opening is “When relating to and cooperating with clients”',
			'guidelines-relation.en.body: quotes the same opening as another group (“When I provide career guidance, I …”); each group has its own',
			'guidelines-reflection.en.body: quotes “When I provide career guidance, I …”; the official opening is “I reflect on my practice by”',
			'guidelines-reflection.en.body: quotes the same opening as another group (“When I provide career guidance, I …”); each group has its own'
		]);
		const right = guidelines(
			[one, 'When relating to and cooperating with clients, I', 'I reflect on my practice by'],
			[[`${one} know.`], ['When relating to and cooperating with clients, I respect.'], ['I reflect on my practice by asking.']]
		);
		expect(guidelineOpeningProblems(right).filter((p) => p.field.includes('.en.'))).toEqual([]);
		// A guideline that does not open with its group's sentence.
		const stray = guidelines([one, 'When relating to and cooperating with clients, I', 'I reflect on my practice by'], [[`${one} know.`], ['I respect.'], ['I reflect on my practice by asking.']]);
		expect(guidelineOpeningProblems(stray).filter((p) => p.field.includes('.en.')).map((p) => p.field)).toEqual(['guidelines-relation-0.en.body']);
	});

	it('fails a lesson that gives all twelve the first opening, and passes one that names all three', () => {
		const openings: Partial<Record<AppLocale, string[]>> = { en: ['When I provide career guidance, I', 'When relating to and cooperating with clients, I', 'I reflect on my practice by'] };
		const texts = [
			{ file: 'old/en.md', locale: 'en' as const, text: "Each guideline completes the sentence 'When I provide career guidance, I …'." },
			{ file: 'new/en.md', locale: 'en' as const, text: 'Guidelines 1–3 follow "When I provide career guidance, I …", 4–8 "When relating to and cooperating with clients, I …" and 9–12 "I reflect on my practice by …".' }
		];
		expect(lessonOpeningProblems(texts, openings).map((p) => p.file)).toEqual(['old/en.md']);
	});

	it('holds for the shipped framework and lessons in every language', () => {
		const nodes = readGuidelineNodes(CONTENT);
		expect(guidelineOpeningProblems(nodes)).toEqual([]);
		const openings = guidelineOpenings(nodes);
		expect(openings.nb).toEqual(['Når jeg gir karriereveiledning', 'I relasjon og samarbeid med veisøker', 'Jeg reflekterer over egen praksis ved å']);
		const texts = readCourses(CONTENT).flatMap((c) =>
			c.modules.flatMap((m) => m.lessons.flatMap((l) => Object.entries(l.translations).map(([locale, t]) => ({ file: t.file, locale: locale as AppLocale, text: `${t.meta.narration.join('\n')}\n${t.body}` }))))
		);
		// The lesson on the guidelines quotes the openings in every language, so the check has something to hold.
		for (const locale of ['en', 'nb', 'cs', 'sk', 'pl'] as const)
			expect(texts.some((t) => t.locale === locale && t.text.toLowerCase().includes(openings[locale]![0]!.toLowerCase())), locale).toBe(true);
		expect(lessonOpeningProblems(texts, openings)).toEqual([]);
	});
});

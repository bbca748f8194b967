import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales.ts';
import { captionsMatchNarration, formatTime, formatVtt, parseTime, parseVtt } from '../../src/lib/server/learn/content/captions.ts';
import { narrationFiles, parseLessonTranslation } from '../../src/lib/server/learn/content/files.ts';

describe('WebVTT captions', () => {
	it.each([
		[0, '00:00:00.000'],
		[1.5, '00:00:01.500'],
		[61.0004, '00:01:01.000'],
		[59.9996, '00:01:00.000'],
		[3723.456, '01:02:03.456']
	])('formats %d seconds as %s', (seconds, text) => {
		expect(formatTime(seconds)).toBe(text);
		expect(parseTime(text)).toBeCloseTo(Math.round(seconds * 1000) / 1000, 6);
	});

	it('reads the short MM:SS.mmm form and rejects what is not a timestamp', () => {
		expect(parseTime('01:02.003')).toBeCloseTo(62.003, 6);
		for (const bad of ['1:02.003', '00:60:00.000', '00:00:01,000', '00:00:01.5', '']) expect(() => parseTime(bad)).toThrow();
		expect(() => formatTime(-1)).toThrow();
	});

	it('round-trips cues with a note, including text that has markup characters and diacritics', () => {
		const cues = [
			{ start: 0, end: 2.345, text: 'Příliš žluťoučký kůň & <b>not bold</b> --> not a timing' },
			{ start: 2.345, end: 5, text: 'Zażółć gęślą jaźń,\nøæå on a second line.' },
			{ start: 5.5, end: 3600.001, text: 'Last.' }
		];
		const vtt = formatVtt(cues, 'source abc123');
		expect(vtt).toMatch(/^WEBVTT\n\nNOTE source abc123\n\n00:00:00\.000 --> 00:00:02\.345\n/);
		expect(vtt).toContain('&amp; &lt;b&gt;not bold&lt;/b&gt; --&gt; not a timing');
		expect(vtt.endsWith('00:00:05.500 --> 01:00:00.001\nLast.\n')).toBe(true);
		expect(parseVtt(vtt)).toEqual({ cues, notes: ['source abc123'] });
		expect(parseVtt(vtt.replace(/\n/g, '\r\n'))).toEqual({ cues, notes: ['source abc123'] });
	});

	it('reads cue identifiers and cue settings, and rejects malformed files', () => {
		const { cues } = parseVtt('WEBVTT - a title\n\n1\n00:01.000 --> 00:02.500 line:90%\nOne\n\nSTYLE\n::cue { color: red }\n\n00:03.000 --> 00:04.000\nTwo\n');
		expect(cues).toEqual([
			{ start: 1, end: 2.5, text: 'One' },
			{ start: 3, end: 4, text: 'Two' }
		]);
		expect(() => parseVtt('00:00:00.000 --> 00:00:01.000\nNo header')).toThrow(/WEBVTT/);
		expect(() => parseVtt('WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nBackwards')).toThrow(/ends before/);
		expect(() => parseVtt('WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nB\n\n00:00:01.000 --> 00:00:02.000\nA')).toThrow(/order/);
		expect(() => parseVtt('WEBVTT\n\nJust text')).toThrow(/start --> end/);
		expect(() => formatVtt([{ start: 0, end: 1, text: 'a\n\nb' }])).toThrow(/blank line/);
		expect(() => formatVtt([{ start: 1, end: 1, text: 'a' }])).toThrow();
	});

	it('matches captions to the narration only when they are the same sentences, in order, in time order', () => {
		const sentences = ['First sentence.', 'Second & last.'];
		const vtt = formatVtt([
			{ start: 0, end: 1.2, text: sentences[0]! },
			{ start: 1.2, end: 3, text: sentences[1]! }
		]);
		expect(captionsMatchNarration(vtt, sentences)).toBe(true);
		expect(captionsMatchNarration(vtt, [...sentences].reverse())).toBe(false);
		expect(captionsMatchNarration(vtt, [sentences[0]!])).toBe(false);
		expect(captionsMatchNarration(vtt, ['First sentence', sentences[1]!])).toBe(false);
		const overlapping = formatVtt([
			{ start: 0, end: 2, text: sentences[0]! },
			{ start: 1, end: 3, text: sentences[1]! }
		]);
		expect(captionsMatchNarration(overlapping, sentences)).toBe(false);
		expect(captionsMatchNarration('not vtt', sentences)).toBe(false);
	});
});

// The shipped lessons: every narrated language has its media and captions, and the captions are
// exactly its narration (run `npm run content:media` after changing a narration).
const COURSES = path.join(import.meta.dirname, '../../content/courses');
const MAX_BYTES = { audio: 1024 * 1024, video: 2 * 1024 * 1024 };

function narratedLessons() {
	if (!fs.existsSync(COURSES)) return [];
	const found: { name: string; dir: string; kind: 'audio' | 'video'; file: string }[] = [];
	for (const entry of fs.readdirSync(COURSES, { recursive: true, encoding: 'utf8' }).sort()) {
		if (path.basename(entry) !== 'lesson.yaml') continue;
		const dir = path.join(COURSES, path.dirname(entry));
		const media: unknown = (parse(fs.readFileSync(path.join(dir, 'lesson.yaml'), 'utf8')) as { media?: unknown } | null)?.media;
		if (media !== 'audio' && media !== 'video') continue;
		for (const locale of LOCALES) {
			const file = path.join(dir, `${locale}.md`);
			if (fs.existsSync(file)) found.push({ name: `${path.dirname(entry)} (${locale}, ${media})`, dir, kind: media, file });
		}
	}
	return found;
}

describe('narration of the shipped lessons', () => {
	const lessons = narratedLessons();
	if (!lessons.length) it.skip('no lesson has media yet', () => {});
	for (const lesson of lessons) {
		it(`${lesson.name} has media and captions that match its narration`, () => {
			const { meta } = parseLessonTranslation(lesson.file, fs.readFileSync(lesson.file, 'utf8'));
			if (!meta.narration.length) return; // this language uses the English media
			const locale = path.basename(lesson.file, '.md') as (typeof LOCALES)[number];
			const names = narrationFiles(lesson.kind, locale);
			const media = path.join(lesson.dir, names.media);
			const captions = path.join(lesson.dir, names.captions);
			expect(fs.existsSync(media), `${names.media} is missing: run npm run content:media`).toBe(true);
			const bytes = fs.statSync(media).size;
			expect(bytes).toBeGreaterThan(0);
			expect(bytes).toBeLessThan(MAX_BYTES[lesson.kind]);
			expect(fs.existsSync(captions), `${names.captions} is missing: run npm run content:media`).toBe(true);
			const vtt = fs.readFileSync(captions, 'utf8');
			expect(parseVtt(vtt).cues.map((c) => c.text)).toEqual(meta.narration);
			expect(captionsMatchNarration(vtt, meta.narration)).toBe(true);
		});
	}
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The colour tokens in src/lib/styles/app.css meet WCAG 2.1 AA in both schemes: text 4.5:1 (1.4.3),
 * focus ring and form-control borders 3:1 (1.4.11). The pairs are the ones the styles use; the
 * ratios are listed in src/lib/styles/README.md.
 */
const css = fs.readFileSync(path.resolve('src/lib/styles/app.css'), 'utf8');

/** The custom properties declared in the first `:root { … }` after `from` in the stylesheet. */
function tokensAfter(from: number): Record<string, string> {
	const start = css.indexOf(':root', from);
	const open = css.indexOf('{', start);
	const close = css.indexOf('}', open);
	if (start < 0 || open < 0 || close < 0) throw new Error('no :root block');
	const tokens: Record<string, string> = {};
	for (const [, name, value] of css.slice(open + 1, close).matchAll(/(--color-[\w-]+)\s*:\s*([^;]+);/g)) {
		tokens[name!] = value!.trim();
	}
	return tokens;
}

const light = tokensAfter(0);
const darkAt = css.search(/@media\s*\(prefers-color-scheme:\s*dark\)/);
// Dark mode overrides tokens; one it leaves out keeps its light value.
const dark = { ...light, ...tokensAfter(darkAt) };

function rgb(hex: string): [number, number, number] {
	const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
	if (!m) throw new Error(`not a hex colour: ${hex}`);
	const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
	return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance (WCAG 2.1). */
function luminance(hex: string): number {
	const [r, g, b] = rgb(hex).map((v) => {
		const c = v / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

const TEXT = 4.5;
const UI = 3;
/** [foreground, background, minimum ratio]: each pair the styles put together. */
const PAIRS: [string, string, number][] = [
	...['text', 'link', 'muted', 'error', 'success', 'primary'].flatMap((fg): [string, string, number][] => [
		[fg, 'bg', TEXT],
		[fg, 'surface', TEXT]
	]),
	['primary-text', 'primary', TEXT],
	['primary-text', 'primary-hover', TEXT],
	['text', 'notice-bg', TEXT],
	['link', 'notice-bg', TEXT],
	['focus', 'bg', UI],
	['focus', 'surface', UI],
	// The boundary of fields and buttons drawn with a border (--color-border is for decorative
	// rules and card edges, which 1.4.11 does not cover).
	['border-strong', 'bg', UI],
	['border-strong', 'surface', UI]
];

describe('design tokens', () => {
	it('reads the colour tokens of both schemes from app.css', () => {
		expect(Object.keys(light).length).toBeGreaterThan(10);
		expect(darkAt).toBeGreaterThan(0);
		expect(dark['--color-bg']).not.toBe(light['--color-bg']);
	});

	for (const [scheme, tokens] of [
		['light', light],
		['dark', dark]
	] as const) {
		for (const [fg, bg, min] of PAIRS) {
			it(`${scheme}: --color-${fg} on --color-${bg} has at least ${min}:1`, () => {
				const a = tokens[`--color-${fg}`];
				const b = tokens[`--color-${bg}`];
				expect(a, `--color-${fg} is defined`).toBeDefined();
				expect(b, `--color-${bg} is defined`).toBeDefined();
				expect(contrast(a!, b!)).toBeGreaterThanOrEqual(min);
			});
		}
	}

	it('computes ratios as WCAG does', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	});
});

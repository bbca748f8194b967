// Issue 16, defect 9: 4 of 19 hostile SVGs passed the regex filter (entity-encoded javascript:
// links, external images). SVG now goes through DOMPurify's SVG profile; types are sniffed by file-type.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkLessonFile } from '../../src/lib/server/learn/authoring/files.ts';

const svg = (inner: string) =>
	strToU8(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">${inner}</svg>`);

const HOSTILE = [
	'<script>alert(1)</script>',
	'<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>',
	'<rect onload="alert(1)"/>',
	'<rect ONLOAD="alert(1)"/>',
	'<a href="javascript:alert(1)"><text>x</text></a>',
	// The four that got through before:
	'<a href="&#106;avascript:alert(1)"><text>x</text></a>',
	'<a xlink:href="jav&#x09;ascript:alert(1)"><text>x</text></a>',
	'<image href="https://evil.example/track.png" width="10" height="10"/>',
	'<image xlink:href="http://evil.example/track.png" width="10" height="10"/>',
	// More of the same families:
	'<use href="https://evil.example/sprite.svg#a"/>',
	'<filter id="f"><feImage href="https://evil.example/x.png"/></filter>',
	'<rect style="fill: url(https://evil.example/x)" width="1" height="1"/>',
	'<style>@import url(https://evil.example/x.css);</style>',
	'<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
	'<animate attributeName="href" to="javascript:alert(1)"/>',
	'<set attributeName="onmouseover" to="alert(1)"/>',
	'<iframe src="https://evil.example"/>'
];

describe('SVG uploads', () => {
	it.each(HOSTILE)('refuse %s', async (inner) => {
		expect(await checkLessonFile('x.svg', svg(inner))).toMatchObject({ ok: false, key: 'author_error_svg_unsafe' });
	});

	it('take an ordinary drawing with internal references, byte for byte', async () => {
		const check = await checkLessonFile('x.svg', svg('<!-- a note --><defs><g id="a"><rect width="1" height="1" fill="url(#g)"/></g></defs><use xlink:href="#a"/><text x="1">Hei &amp; å</text>'));
		expect(check.ok).toBe(true);
		if (!check.ok) return;
		expect(new TextDecoder().decode(check.data)).toContain('<!-- a note --><defs>');
	});
});

describe('type sniffing', () => {
	it('refuses an HTML page named as an image or a video', async () => {
		expect(await checkLessonFile('x.png', strToU8('<html><script>alert(1)</script></html>'))).toMatchObject({ ok: false, key: 'author_error_file_content' });
		expect(await checkLessonFile('x.webm', new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...strToU8('<html>')]))).toMatchObject({ ok: false, key: 'author_error_file_content' });
	});
});

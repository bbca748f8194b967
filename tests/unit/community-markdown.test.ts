// What members write is rendered inert: an XSS corpus in the style of the OWASP filter-evasion
// cheat sheet, as thread titles, bodies and names, and random Markdown, never yield a script, an
// event-handler attribute or a javascript: URL; links are marked as user content.
import { parseFragment } from 'parse5';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { excerpt, hasLink, renderPost } from '../../src/lib/server/community/markdown.ts';
import { mentions } from '../../src/lib/server/community/notifications.ts';
import Post from '../../src/lib/components/community/Post.svelte';
import type { PostView } from '../../src/lib/server/community/threads.ts';

const CORPUS = [
	'<script>alert(1)</script>',
	'<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>',
	'<IMG SRC="javascript:alert(\'XSS\');">',
	'<IMG SRC=javascript:alert(\'XSS\')>',
	'<IMG SRC=JaVaScRiPt:alert(\'XSS\')>',
	'<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
	'<a onmouseover="alert(document.cookie)">xxs link</a>',
	'<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
	'<IMG SRC=# onmouseover="alert(\'xxs\')">',
	'<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
	'<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
	'<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
	'<IMG SRC="jav\tascript:alert(\'XSS\');">',
	'<IMG SRC="jav&#x0A;ascript:alert(\'XSS\');">',
	'<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
	'<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
	'<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
	'<iframe src=http://xss.rocks/scriptlet.html <',
	'<svg/onload=alert(1)>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'[click](javascript:alert(1))',
	'[click](JAVASCRIPT:alert(1))',
	'[click](  javascript:alert(1))',
	'[click](java\nscript:alert(1))',
	'[click](&#106;avascript:alert(1))',
	'[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'[click](vbscript:msgbox(1))',
	'![x](javascript:alert(1))',
	'![x](https://example.org/x.png" onerror="alert(1))',
	// Images: only /community/uploads/<uuid> is ever an image.
	'![x](https://example.org/x.png)',
	'![x](http://169.254.169.254/latest/meta-data)',
	'![x](//evil.example/community/uploads/00000000-0000-4000-8000-000000000001)',
	'![x](data:image/png;base64,iVBORw0KGgo=)',
	'![x](data:image/svg+xml,<svg onload=alert(1)>)',
	'![x](JaVaScRiPt:alert(1))',
	'![x](/community/uploads/00000000-0000-4000-8000-000000000001" onerror="alert(1))',
	'![x" onerror="alert(1)](/community/uploads/00000000-0000-4000-8000-000000000001)',
	'![<script>alert(1)</script>](/community/uploads/00000000-0000-4000-8000-000000000001)',
	'![x](/community/uploads/00000000-0000-4000-8000-000000000001 "t\" onload=\"alert(1)")',
	'![x](/community/uploads/../../account/data)',
	'![x](/community/uploads/not-a-uuid)',
	'[![x](/community/uploads/00000000-0000-4000-8000-000000000001)](javascript:alert(1))',
	'[a](https://example.org "title\\" onmouseover=\\"alert(1)")',
	'<a href="javascript:alert(1)">x</a>',
	'`<script>alert(1)</script>`',
	'```\n<script>alert(1)</script>\n```',
	'> <script>alert(1)</script>',
	'javascript:alert(1)',
	'<div style="background:url(javascript:alert(1))">',
	'"><script>alert(1)</script>',
	"'';!--\"<XSS>=&{()}"
];

/** The elements Markdown may produce (an `img` only as `localImage` allows). */
const MARKDOWN_ELEMENTS = new Set(['p', 'a', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'br', 'hr', 's', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div', 'img']);
const UPLOAD = /^\/community\/uploads\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The one image a post may show: src exactly an uploaded image, and nothing but alt, size and lazy loading. */
function localImage(element: Node): boolean {
	const attrs = element.attrs ?? [];
	return attrs.every((a) => ['src', 'alt', 'width', 'height', 'loading'].includes(a.name)) && attrs.some((a) => a.name === 'src' && UPLOAD.test(a.value)) && attrs.some((a) => a.name === 'alt');
}

/**
 * Why the HTML could run something, or null: a script-like element, an element Markdown does not
 * make (`only`), an on* attribute, or a javascript:/vbscript:/data: URL — read by a real HTML
 * parser, as a browser would, so text that merely shows such words does not count.
 */
type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; content?: Node };
function elements(node: Node): Node[] {
	const children = [...(node.childNodes ?? []), ...(node.content ? [node.content] : [])];
	return children.flatMap((child) => (child.attrs ? [child, ...elements(child)] : elements(child)));
}

function dangerous(html: string, only?: Set<string>): string | null {
	for (const element of elements(parseFragment(html) as unknown as Node)) {
		const name = element.nodeName;
		if (name === 'img' && only && localImage(element)) continue;
		if (['script', 'iframe', 'object', 'embed', 'style', 'svg', 'math', 'img', 'base', 'meta', 'link'].includes(name)) return `<${name}>`;
		if (only && !only.has(name)) return `<${name}>`;
		for (const attribute of element.attrs ?? []) {
			if (attribute.name.startsWith('on')) return `${attribute.name} on <${name}>`;
			const url = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
			if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute.name) && /^(?:javascript|vbscript|data):/.test(url)) return `${attribute.name}=${attribute.value}`;
		}
	}
	return null;
}

const post = (over: Partial<PostView>): PostView => ({
	id: '00000000-0000-4000-8000-000000000001',
	parentId: null,
	authorId: 'a',
	authorName: 'Ada',
	html: '',
	body: '',
	helpful: false,
	deleted: false,
	hidden: false,
	held: false,
	editedAt: null,
	createdAt: new Date('2026-01-01T00:00:00Z'),
	revisions: 0,
	may: { edit: true, delete: true, flag: true, helpful: true, moderate: true, reply: true, react: true },
	reactions: [],
	replies: [],
	...over
});

describe('community Markdown', () => {
	it('has a judge that sees what a browser would run', () => {
		expect(dangerous('<img src=x onerror=alert(1)>')).not.toBeNull();
		expect(dangerous('<a href=" JaVaScRiPt:alert(1)">x</a>')).not.toBeNull();
		expect(dangerous('<p onclick="x">y</p>')).not.toBeNull();
		expect(dangerous('<p>&lt;script&gt; onclick= javascript:</p>', MARKDOWN_ELEMENTS)).toBeNull();
		expect(dangerous('<img src="/community/uploads/00000000-0000-4000-8000-000000000001" alt="x" loading="lazy">', MARKDOWN_ELEMENTS)).toBeNull();
		expect(dangerous('<img src="https://example.org/x.png" alt="x">', MARKDOWN_ELEMENTS)).not.toBeNull();
		expect(dangerous('<img src="/community/uploads/00000000-0000-4000-8000-000000000001" alt="x" onerror="alert(1)">', MARKDOWN_ELEMENTS)).not.toBeNull();
		expect(dangerous('<img src="/community/uploads/00000000-0000-4000-8000-000000000001/../x" alt="x">', MARKDOWN_ELEMENTS)).not.toBeNull();
	});

	it.each(CORPUS)('renders %j inert', (input) => {
		expect(dangerous(renderPost(input), MARKDOWN_ELEMENTS)).toBeNull();
		expect(dangerous(renderPost(`Some text ${input} more`), MARKDOWN_ELEMENTS)).toBeNull();
	});

	it('renders the corpus inert as names and bodies in a reply as the page shows it', () => {
		for (const input of CORPUS) {
			const { body } = render(Post, { props: { post: post({ authorName: input, body: input, html: renderPost(input) }), base: '/community/ethics/x', flags: {}, editing: '00000000-0000-4000-8000-000000000001' } });
			expect(dangerous(body), input).toBeNull();
		}
	});

	it('marks links as user content and keeps Markdown that is meant', () => {
		const html = renderPost('**Bold** and a [guide](https://example.org/guide) and https://example.org/auto');
		expect(html).toContain('<strong>Bold</strong>');
		expect(html).toContain('<a href="https://example.org/guide" rel="ugc nofollow noopener">guide</a>');
		expect(html).toContain('<a href="https://example.org/auto" rel="ugc nofollow noopener">');
		expect(renderPost('<b>not bold</b>')).toContain('&lt;b&gt;not bold&lt;/b&gt;');
		expect(hasLink('see www.example.org')).toBe(true);
		expect(hasLink('no links here.')).toBe(false);
	});

	it('shows an image only from the community’s uploads, lazily and with its size when known; any other is its alt text', () => {
		const id = '0a1b2c3d-0000-4000-8000-00000000abcd';
		const local = renderPost(`Look:\n\n![A whiteboard](/community/uploads/${id})`);
		expect(local).toContain(`<img src="/community/uploads/${id}" alt="A whiteboard" loading="lazy">`);
		const sized = renderPost(`![A whiteboard](/community/uploads/${id.toUpperCase()})`, new Map([[id, { width: 640, height: 480 }]]));
		expect(sized).toContain(`<img src="/community/uploads/${id}" alt="A whiteboard" width="640" height="480" loading="lazy">`);
		// Escaped alt text, and Markdown inside it read as text.
		expect(renderPost(`![a "b" <c> **d**](/community/uploads/${id})`)).toContain('alt="a &quot;b&quot; &lt;c&gt; d"');
		for (const src of ['https://example.org/x.png', 'http://example.org/x.png', `//example.org/community/uploads/${id}`, `/community/uploads/${id}?x=1`, `/community/uploads/${id}/`, `/community/uploads/${id}#x`, '/community/uploads/x', `/en/community/uploads/${id}`, `https://praxis.example/community/uploads/${id}`, 'mailto:a@example.org']) {
			const html = renderPost(`![Shown as text](${src})`);
			expect(html, src).not.toContain('<img');
			expect(html, src).not.toContain('<a');
			expect(html, src).toContain('Shown as text');
		}
		// Addresses that are not links at all stay as the text typed.
		for (const src of ['javascript:alert(1)', 'data:image/png;base64,iVBORw0KGgo=', 'vbscript:x', '/etc/passwd']) {
			const html = renderPost(`![alt](${src})`);
			expect(html, src).not.toMatch(/<img|<a /);
		}
		expect(excerpt(`Before ![A whiteboard](/community/uploads/${id}) after`)).toBe('Before A whiteboard after');
		expect(hasLink(`![A whiteboard](/community/uploads/${id})`)).toBe(false);
	});

	it('never yields a script, an on* attribute or a script URL for random input (fuzz)', () => {
		// A seeded generator: the same run every time, many shapes of Markdown and HTML fragments.
		let seed = 20_261_206;
		const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
		const pieces = ['<', '>', '"', "'", '`', '[', ']', '(', ')', '!', '*', '_', '#', '\n', ' ', '&', ';', '#x6A;', '&#106;', 'javascript:', 'JaVaScRiPt:', 'data:', 'vbscript:', 'script', 'img', 'src=', 'href=', 'onerror=', 'onload=', 'alert(1)', '/', '\\', '=', 'a', 'http://', 'https://x.y', '\t', '\u0000', '%0a', '```', '> ', '- ', '1. ', '<!--', '-->', 'svg', 'iframe', '![', '](', '/community/uploads/', '00000000-0000-4000-8000-000000000001', '](/community/uploads/00000000-0000-4000-8000-000000000001)', '"', ' "t"', 'loading=', 'width='];
		for (let i = 0; i < 1500; i++) {
			const length = 1 + Math.floor(random() * 30);
			let input = '';
			for (let j = 0; j < length; j++) input += pieces[Math.floor(random() * pieces.length)];
			const html = renderPost(input);
			expect(dangerous(html, MARKDOWN_ELEMENTS), input).toBeNull();
		}
	});

	it('recognises a mention only of the whole name', () => {
		expect(mentions('Thanks @Ada Lovelace!', 'Ada Lovelace')).toBe(true);
		expect(mentions('thanks @ada lovelace', 'Ada Lovelace')).toBe(true);
		expect(mentions('Thanks @Bob', 'Bo')).toBe(false);
		expect(mentions('mail bo@example.org', 'example')).toBe(false);
		expect(mentions('Hi @Bo.', 'Bo')).toBe(true);
	});
});

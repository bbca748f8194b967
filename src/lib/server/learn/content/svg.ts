// What an SVG must be to be shown: a lesson's image, an uploaded file, a course's cover.
import { createRequire } from 'node:module';
import type { DOMPurify as Purifier } from 'isomorphic-dompurify';

// DOMPurify runs on jsdom, which takes a few seconds to load: it is loaded when the first SVG is
// checked (an upload, a content import), not when the server starts.
const load = createRequire(import.meta.url);
let purifier: Purifier | undefined;
const dompurify = (): Purifier => (purifier ??= (load('isomorphic-dompurify') as { default: Purifier }).default);

/**
 * Whether `text` is well-formed XML whose root element is `svg`: elements nest and close, attributes
 * are quoted, entities are the predefined or numeric ones, and there is no DOCTYPE (no entity
 * definitions to expand). Not a validating parser; enough to know the file is what it says.
 */
export function isSvgDocument(text: string): boolean {
	const name = '[A-Za-z_][\\w.:-]*';
	const startTag = new RegExp(`<(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
	const endTag = new RegExp(`</(${name})\\s*>`, 'y');
	const badEntity = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
	const stack: string[] = [];
	let root: string | null = null;
	let closed = false;
	let i = 0;
	while (i < text.length) {
		if (text.startsWith('<?', i)) {
			const end = text.indexOf('?>', i + 2);
			if (end < 0) return false;
			i = end + 2;
		} else if (text.startsWith('<!--', i)) {
			const end = text.indexOf('-->', i + 4);
			if (end < 0) return false;
			i = end + 3;
		} else if (text.startsWith('<![CDATA[', i)) {
			const end = text.indexOf(']]>', i + 9);
			if (end < 0 || !stack.length) return false;
			i = end + 3;
		} else if (text.startsWith('<!', i)) {
			return false;
		} else if (text.startsWith('</', i)) {
			endTag.lastIndex = i;
			const match = endTag.exec(text);
			if (!match || stack.pop() !== match[1]) return false;
			if (!stack.length) closed = true;
			i = endTag.lastIndex;
		} else if (text[i] === '<') {
			startTag.lastIndex = i;
			const match = startTag.exec(text);
			if (!match || closed) return false;
			if (badEntity.test(match[2]!)) return false;
			root ??= match[1]!;
			if (match[3]) {
				if (!stack.length) closed = true;
			} else stack.push(match[1]!);
			i = startTag.lastIndex;
		} else {
			const next = text.indexOf('<', i);
			const chunk = text.slice(i, next < 0 ? text.length : next);
			if (!stack.length && chunk.trim()) return false;
			if (badEntity.test(chunk)) return false;
			i = next < 0 ? text.length : next;
		}
	}
	return closed && !stack.length && root !== null && (root === 'svg' || root.endsWith(':svg'));
}

const FRAGMENT_ONLY = /^\s*#/;
const EXTERNAL_URL_IN_CSS = /url\s*\(\s*(?!['"]?\s*#)/i;

/**
 * An SVG image made harmless by DOMPurify's SVG profile: no scripts, event handlers, script URLs
 * (however they are encoded: the parser decodes them first), `foreignObject` or style sheets, and
 * no reference outside the file (links, external images, `url(…)`), which would load from
 * elsewhere when the image is opened. `removed` says whether anything had to go.
 */
export function sanitiseSvg(text: string): { svg: string; removed: boolean } {
	const DOMPurify = dompurify();
	DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
		const name = data.attrName.toLowerCase();
		if ((name === 'href' || name === 'xlink:href' || name === 'src') && !FRAGMENT_ONLY.test(data.attrValue)) data.keepAttr = false;
		if (EXTERNAL_URL_IN_CSS.test(data.attrValue)) data.keepAttr = false;
	});
	try {
		const svg = DOMPurify.sanitize(text, { USE_PROFILES: { svg: true, svgFilters: true }, ADD_TAGS: ['use'], FORBID_TAGS: ['style', 'foreignObject'] });
		// The parser's own wrapper (BODY), comments and the XML declaration do not count.
		const removed = DOMPurify.removed.some((r) => 'attribute' in r || !['BODY', '#comment'].includes(r.element.nodeName));
		return { svg, removed };
	} finally {
		DOMPurify.removeHook('uponSanitizeAttribute');
	}
}

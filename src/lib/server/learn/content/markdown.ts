import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';

export const CALLOUT_KINDS = ['note', 'tip', 'example', 'warning'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/** What a lesson's Markdown points at: checked at import, resolved when rendered. */
export type MarkdownRefs = {
	images: { src: string; alt: string; line: number }[];
	glossary: string[];
	framework: { slug: string; key: string | null }[];
	/** `::: diagram <key>` blocks: the platform's diagrams (src/lib/diagrams). */
	diagrams: { key: string; line: number }[];
};

export type RenderContext = {
	/** Turns a platform path (/glossary/x) into a link in the reader's language. */
	localize: (path: string) => string;
	/** The URL of a file of the lesson (an image), or null when there is none by that name. */
	fileUrl: (name: string) => string | null;
	/** The callout headings in the reader's language. */
	calloutLabel: (kind: CalloutKind) => string;
	/** The figure of a platform diagram in the reader's language (`n` > 0 for a repeat on the page), or null when there is none by that key. */
	diagram?: (key: string, n: number) => string | null;
};

const DIAGRAM_BLOCK = /^diagram\s+([a-z0-9-]+)$/;

const contextOf = (env: unknown) => (env as { ctx?: RenderContext } | undefined)?.ctx;

function createMarkdown() {
	// Raw HTML off: whatever an author types is shown as text, never run.
	const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
	for (const kind of CALLOUT_KINDS) {
		md.use(container, kind, {
			render(tokens: { nesting: number }[], index: number, _options: unknown, env: { ctx?: RenderContext }) {
				if (tokens[index]!.nesting !== 1) return '</div></aside>\n';
				const label = env.ctx ? md.utils.escapeHtml(env.ctx.calloutLabel(kind)) : kind;
				return `<aside class="callout callout-${kind}" aria-label="${label}"><p class="callout-label" aria-hidden="true">${label}</p><div>\n`;
			}
		});
	}
	// `::: diagram <key>` … `:::` draws a diagram; what the block contains follows it as text.
	md.use(container, 'diagram', {
		validate: (params: string) => DIAGRAM_BLOCK.test(params.trim()),
		render(tokens: { nesting: number; info: string }[], index: number, _options: unknown, env: { ctx?: RenderContext; diagrams?: Map<string, number> }) {
			const token = tokens[index]!;
			if (token.nesting !== 1) return '';
			const key = DIAGRAM_BLOCK.exec(token.info.trim())![1]!;
			env.diagrams ??= new Map();
			const n = env.diagrams.get(key) ?? 0;
			env.diagrams.set(key, n + 1);
			return env.ctx?.diagram?.(key, n) ?? `<p class="missing-image">${md.utils.escapeHtml(key)}</p>\n`;
		}
	});
	const defaultLink = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
	md.renderer.rules.link_open = (tokens, i, options, env, self) => {
		const token = tokens[i]!;
		const href = String(token.attrGet('href') ?? '');
		const ctx = contextOf(env);
		const internal = ctx ? platformPath(href) : null;
		if (internal && ctx) token.attrSet('href', ctx.localize(internal));
		else if (/^https?:/i.test(href)) token.attrSet('rel', 'noopener noreferrer external');
		return defaultLink(tokens, i, options, env, self);
	};
	md.renderer.rules.image = (tokens, i, _options, env) => {
		const token = tokens[i]!;
		const src = String(token.attrGet('src') ?? '');
		const url = contextOf(env)?.fileUrl(src) ?? null;
		const alt = md.utils.escapeHtml(token.content);
		if (!url) return `<span class="missing-image">${alt}</span>`;
		return `<img src="${md.utils.escapeHtml(url)}" alt="${alt}" loading="lazy">`;
	};
	// A table scrolls sideways in its own box on a narrow screen instead of widening the page.
	md.renderer.rules.table_open = (tokens, i, options, _env, self) => `<div class="table-wrap">${self.renderToken(tokens, i, options)}`;
	md.renderer.rules.table_close = (tokens, i, options, _env, self) => `${self.renderToken(tokens, i, options)}</div>\n`;
	// markdown-it refuses unknown schemes; ours are rewritten before they reach the page.
	const validate = md.validateLink.bind(md);
	md.validateLink = (url) => /^(glossary|framework):/.test(url) || validate(url);
	return md;
}

const md = createMarkdown();

/** `glossary:x` → /glossary/x, `framework:a/b` → /frameworks/a/b; null for other links. */
function platformPath(href: string): string | null {
	const glossary = /^glossary:([a-z0-9-]+)$/.exec(href);
	if (glossary) return `/glossary/${glossary[1]}`;
	const framework = /^framework:([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(href);
	if (framework) return framework[2] ? `/frameworks/${framework[1]}/${framework[2]}` : `/frameworks/${framework[1]}`;
	return null;
}

/** Renders a lesson body to HTML (raw HTML in the source is escaped). */
export function renderMarkdown(source: string, ctx: RenderContext): string {
	return md.render(source, { ctx });
}

/** The images and platform links a Markdown text uses, for the importer to check. */
export function markdownRefs(source: string): MarkdownRefs {
	const refs: MarkdownRefs = { images: [], glossary: [], framework: [], diagrams: [] };
	const walk = (tokens: ReturnType<typeof md.parse>, line: number) => {
		for (const token of tokens) {
			const here = token.map ? token.map[0] + 1 : line;
			if (token.type === 'image') refs.images.push({ src: String(token.attrGet('src') ?? ''), alt: token.content.trim(), line: here });
			if (token.type === 'container_diagram_open') refs.diagrams.push({ key: DIAGRAM_BLOCK.exec(token.info.trim())![1]!, line: here });
			if (token.type === 'link_open') {
				const href = String(token.attrGet('href') ?? '');
				const glossary = /^glossary:(.*)$/.exec(href);
				if (glossary) refs.glossary.push(glossary[1]!);
				const framework = /^framework:([^/]*)(?:\/(.*))?$/.exec(href);
				if (framework) refs.framework.push({ slug: framework[1]!, key: framework[2] ?? null });
			}
			if (token.children) walk(token.children, here);
		}
	};
	walk(md.parse(source, {}), 1);
	return refs;
}

import MarkdownIt from 'markdown-it';

// What members write is Markdown rendered on the server with raw HTML off (anything typed as HTML
// is shown as text), links limited to http(s) and mailto and marked as user content
// (`rel="ugc nofollow noopener"`), and no images (a member could otherwise make every reader's
// browser call an address of their choosing). Headings are shown one level down the page's own.

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.disable(['image', 'heading', 'lheading']);

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
md.validateLink = (url) => SAFE_LINK.test(url.trim());

const defaultLink = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
	tokens[i]!.attrSet('rel', 'ugc nofollow noopener');
	return defaultLink(tokens, i, options, env, self);
};

/** A member's Markdown as safe HTML. */
export function renderPost(source: string): string {
	return md.render(source);
}

/** Whether a text carries a link (a new member's post with one waits for a moderator). */
export function hasLink(source: string): boolean {
	return md.parseInline(source, {}).some((block) => block.children?.some((t) => t.type === 'link_open')) || /\bwww\.|https?:\/\//i.test(source);
}

/** A short plain-text excerpt (search, notifications, mail). */
export function excerpt(source: string, max = 200): string {
	const plain = source
		.replace(/[`*_>#\[\]()~|-]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

import MarkdownIt from 'markdown-it';

// What members write is Markdown rendered on the server with raw HTML off (anything typed as HTML
// is shown as text), links limited to http(s) and mailto and marked as user content
// (`rel="ugc nofollow noopener"`), and images only from the community's own uploads (uploads.ts):
// an image at any other address would make every reader's browser call an address of the writer's
// choosing, so it is shown as its alt text. Headings are shown one level down the page's own.

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.disable(['heading', 'lheading']);

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
/** The one image address a post may show: an image uploaded to the community, by its id. */
const UPLOAD_SRC = /^\/community\/uploads\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
md.validateLink = (url) => SAFE_LINK.test(url.trim()) || UPLOAD_SRC.test(url);

/** Where an uploaded image is served (unlocalised: it is the same image in every language). */
export const uploadPath = (id: string) => `/community/uploads/${id}`;

/** The width and height of uploaded images by id, when known (for the `<img>` to keep its room). */
export type ImageSizes = ReadonlyMap<string, { width: number; height: number }>;
type Env = { sizes?: ImageSizes };

md.renderer.rules.image = (tokens, i, options, env, self) => {
	const token = tokens[i]!;
	const alt = md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
	const upload = UPLOAD_SRC.exec(String(token.attrGet('src') ?? ''));
	// Any other address: the alt text alone, no image, no link.
	if (!upload) return alt;
	const id = upload[1]!.toLowerCase();
	const size = (env as Env | undefined)?.sizes?.get(id);
	const dimensions = size ? ` width="${size.width}" height="${size.height}"` : '';
	return `<img src="${uploadPath(id)}" alt="${alt}"${dimensions} loading="lazy">`;
};

const defaultLink = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
	tokens[i]!.attrSet('rel', 'ugc nofollow noopener');
	return defaultLink(tokens, i, options, env, self);
};

/** A member's Markdown as safe HTML; `sizes` gives uploaded images their width and height. */
export function renderPost(source: string, sizes?: ImageSizes): string {
	return md.render(source, { sizes } satisfies Env);
}

/** Whether a text carries a link (a new member's post with one waits for a moderator). */
export function hasLink(source: string): boolean {
	return md.parseInline(source, {}).some((block) => block.children?.some((t) => t.type === 'link_open')) || /\bwww\.|https?:\/\//i.test(source);
}

/** A short plain-text excerpt (search, notifications, mail). */
export function excerpt(source: string, max = 200): string {
	const plain = source
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, ' $1 ')
		.replace(/[`*_>#\[\]()~|-]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

// Accessible SVG diagrams drawn from translated labels: one drawing per language, text wrapped to
// fit, colours from the page's design tokens (classes styled in app.css), so dark mode follows the
// page. The SVG is a picture with a name and a description (role="img", <title>, <desc>); what it
// shows is also written out in the text equivalent next to it (see index.ts).

/** The shapes the platform can draw. */
export type DiagramShape =
	| { kind: 'ring'; centre: string; items: string[]; numbered?: boolean }
	| { kind: 'grid'; cells: { title: string; text: string }[]; columns?: [string, string]; rows?: [string, string] }
	| { kind: 'nested'; layers: { title: string; text: string }[]; around: { title: string; text: string } }
	| { kind: 'flow'; from: { title: string; items: string[] }; to: { title: string; items: string[] } }
	| { kind: 'columns'; columns: { title: string; subtitle: string; text: string; footer?: string }[] };

const WIDTH = 720;
const FONT = 15;
/** An average glyph width of the body font at FONT px, to decide where lines break. */
const CHAR = FONT * 0.55;
const LINE = FONT * 1.3;

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Breaks a text into lines of at most `max` characters (a longer word gets a line of its own). */
export function wrap(text: string, max: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (!line) line = word;
		else if ([...line].length + 1 + [...word].length <= max) line += ` ${word}`;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

const charsIn = (width: number) => Math.max(6, Math.floor(width / CHAR));

/** Lines of text centred on (x, y) — y is the middle of the block. */
function textBlock(lines: string[], x: number, y: number, cls = 'dg-text', anchor: 'middle' | 'start' = 'middle'): string {
	const top = y - ((lines.length - 1) * LINE) / 2;
	const spans = lines.map((l, i) => `<tspan x="${x}" y="${(top + i * LINE).toFixed(1)}">${escapeXml(l)}</tspan>`).join('');
	return `<text class="${cls}" text-anchor="${anchor}" dominant-baseline="middle">${spans}</text>`;
}

function box(x: number, y: number, w: number, h: number, cls = 'dg-box'): string {
	return `<rect class="${cls}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" rx="10"/>`;
}

function ring(d: Extract<DiagramShape, { kind: 'ring' }>): { body: string; height: number } {
	const height = 620;
	const cx = WIDTH / 2;
	const cy = height / 2;
	const rx = 255;
	const ry = 225;
	const w = 180;
	const h = 76;
	const parts: string[] = [`<ellipse class="dg-line" cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="none"/>`];
	const boxes: string[] = [];
	d.items.forEach((item, i) => {
		const angle = -Math.PI / 2 + (i * 2 * Math.PI) / d.items.length;
		const x = cx + rx * Math.cos(angle);
		const y = cy + ry * Math.sin(angle);
		const label = d.numbered ? `${i + 1}. ${item}` : item;
		boxes.push(box(x - w / 2, y - h / 2, w, h), textBlock(wrap(label, charsIn(w - 16)).slice(0, 3), x, y));
	});
	parts.push(`<circle class="dg-accent" cx="${cx}" cy="${cy}" r="108"/>`);
	parts.push(textBlock(wrap(d.centre, 18).slice(0, 5), cx, cy, 'dg-on-accent'));
	return { body: parts.join('') + boxes.join(''), height };
}

function grid(d: Extract<DiagramShape, { kind: 'grid' }>): { body: string; height: number } {
	const left = d.rows ? 140 : 10;
	const top = d.columns ? 50 : 10;
	const gap = 10;
	const cw = (WIDTH - left - 10 - gap) / 2;
	const cells = d.cells.slice(0, 4).map((cell) => ({ title: wrap(cell.title, charsIn(cw - 20)), text: wrap(cell.text, charsIn(cw - 20)).slice(0, 5) }));
	const ch = Math.max(...cells.map((c) => (c.title.length + c.text.length) * LINE)) + 50;
	const parts: string[] = [];
	if (d.columns) d.columns.forEach((c, i) => parts.push(textBlock(wrap(c, charsIn(cw)), left + i * (cw + gap) + cw / 2, top / 2, 'dg-label')));
	if (d.rows) d.rows.forEach((r, i) => parts.push(textBlock(wrap(r, charsIn(left - 20)), (left - 10) / 2, top + i * (ch + gap) + ch / 2, 'dg-label')));
	cells.forEach(({ title, text }, i) => {
		const x = left + (i % 2) * (cw + gap);
		const y = top + Math.floor(i / 2) * (ch + gap);
		parts.push(box(x, y, cw, ch));
		parts.push(textBlock(title, x + cw / 2, y + 18 + ((title.length - 1) * LINE) / 2, 'dg-title'));
		parts.push(textBlock(text, x + cw / 2, y + 30 + title.length * LINE + ((text.length - 1) * LINE) / 2));
	});
	return { body: parts.join(''), height: top + 2 * ch + gap + 10 };
}

function nested(d: Extract<DiagramShape, { kind: 'nested' }>): { body: string; height: number } {
	// Outermost layer first on screen; `layers` lists them from the innermost out.
	const layers = [...d.layers].reverse();
	const inset = 45;
	const band = 100;
	const innerLines = wrap(layers.at(-1)!.text, charsIn(WIDTH - 20 - 2 * (layers.length - 1) * inset - 30)).slice(0, 6).length;
	const bottom = 10 + (layers.length - 1) * band + 50 + innerLines * LINE + 20 + (layers.length - 1) * 12;
	const parts: string[] = [];
	layers.forEach((layer, i) => {
		const x = 10 + i * inset;
		const y = 10 + i * band;
		const w = WIDTH - 20 - 2 * i * inset;
		const h = bottom - y - i * 12;
		parts.push(box(x, y, w, h, i === layers.length - 1 ? 'dg-box dg-inner' : 'dg-box'));
		const last = i === layers.length - 1;
		const textWidth = w - 30;
		const text = wrap(layer.text, charsIn(textWidth)).slice(0, last ? 6 : 3);
		parts.push(textBlock([layer.title], WIDTH / 2, y + 20, 'dg-title'));
		parts.push(textBlock(text, WIDTH / 2, y + 40 + ((text.length - 1) * LINE) / 2));
	});
	const around = wrap(`${d.around.title}: ${d.around.text}`, charsIn(WIDTH - 40));
	parts.push(textBlock(around, WIDTH / 2, bottom + 22 + ((around.length - 1) * LINE) / 2, 'dg-label'));
	return { body: parts.join(''), height: bottom + 30 + around.length * LINE };
}

function flow(d: Extract<DiagramShape, { kind: 'flow' }>): { body: string; height: number } {
	const colW = 270;
	const itemH = 44;
	const gap = 8;
	const leftX = 20;
	const rightX = WIDTH - 20 - colW;
	const parts: string[] = [];
	const heads = [wrap(d.from.title, charsIn(colW)), wrap(d.to.title, charsIn(colW))];
	const headH = Math.max(...heads.map((h) => h.length)) * LINE;
	const start = 30 + headH;
	const span = (n: number) => n * (itemH + gap) - gap;
	const tallest = Math.max(span(d.from.items.length), span(d.to.items.length));
	const column = (x: number, head: string[], items: string[]) => {
		parts.push(textBlock(head, x + colW / 2, 20 + ((head.length - 1) * LINE) / 2, 'dg-title'));
		const first = start + (tallest - span(items.length)) / 2;
		items.forEach((item, i) => {
			const y = first + i * (itemH + gap);
			parts.push(box(x, y, colW, itemH), textBlock(wrap(item, charsIn(colW - 16)).slice(0, 2), x + colW / 2, y + itemH / 2));
		});
	};
	column(leftX, heads[0]!, d.from.items);
	column(rightX, heads[1]!, d.to.items);
	const height = start + tallest + 10;
	const mid = start + tallest / 2;
	const a = leftX + colW + 20;
	const b = rightX - 20;
	parts.push(`<path class="dg-arrow" d="M${a} ${mid} H${b - 14}"/><path class="dg-arrowhead" d="M${b - 16} ${mid - 10} L${b} ${mid} L${b - 16} ${mid + 10} Z"/>`);
	return { body: parts.join(''), height };
}

function columns(d: Extract<DiagramShape, { kind: 'columns' }>): { body: string; height: number } {
	const n = d.columns.length;
	const gap = 12;
	const w = (WIDTH - 20 - gap * (n - 1)) / n;
	const chars = charsIn(w - 16);
	const laid = d.columns.map((c) => ({
		title: wrap(c.title, chars),
		subtitle: wrap(c.subtitle, chars),
		text: wrap(c.text, chars),
		footer: c.footer ? wrap(c.footer, chars) : []
	}));
	const linesOf = (c: (typeof laid)[number]) => c.title.length + c.subtitle.length + c.text.length + c.footer.length;
	const headH = Math.max(...laid.map((c) => c.title.length)) * LINE + 24;
	const height = headH + Math.max(...laid.map((c) => linesOf(c) - c.title.length)) * LINE + 60;
	const parts: string[] = [];
	laid.forEach((c, i) => {
		const x = 10 + i * (w + gap);
		parts.push(box(x, 10, w, height - 20));
		parts.push(box(x, 10, w, headH, 'dg-accent'));
		parts.push(textBlock(c.title, x + w / 2, 10 + headH / 2, 'dg-on-accent'));
		let y = 10 + headH + 16;
		const block = (lines: string[], cls: string) => {
			if (!lines.length) return;
			parts.push(textBlock(lines, x + w / 2, y + ((lines.length - 1) * LINE) / 2, cls));
			y += lines.length * LINE + 8;
		};
		block(c.subtitle, 'dg-label');
		block(c.text, 'dg-text');
		block(c.footer, 'dg-title');
	});
	return { body: parts.join(''), height };
}

/**
 * The SVG markup of a diagram: a picture named by `title` and described by `description`
 * (`id` makes the title and description ids unique on the page).
 */
export function drawDiagram(shape: DiagramShape, id: string, title: string, description: string): string {
	const { body, height } =
		shape.kind === 'ring' ? ring(shape) : shape.kind === 'grid' ? grid(shape) : shape.kind === 'nested' ? nested(shape) : shape.kind === 'flow' ? flow(shape) : columns(shape);
	const h = Math.ceil(height);
	return (
		`<svg class="dg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${h}" width="${WIDTH}" height="${h}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc">` +
		`<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${body}</svg>`
	);
}

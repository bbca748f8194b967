// WebVTT captions for lesson narration: the small subset scripts/course-media.ts writes (a header,
// NOTE blocks, cues with HH:MM:SS.mmm times and plain text) and a strict reader for it.

/** One caption: seconds from the start of the media, and the text shown. */
export type Cue = { start: number; end: number; text: string };

const TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f' };

/** Seconds as a WebVTT timestamp, `HH:MM:SS.mmm` (rounded to the millisecond). */
export function formatTime(seconds: number): string {
	if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`not a caption time: ${seconds}`);
	const ms = Math.round(seconds * 1000);
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/** A WebVTT timestamp (`HH:MM:SS.mmm` or `MM:SS.mmm`) in seconds; throws when it is not one. */
export function parseTime(text: string): number {
	const m = TIME.exec(text);
	if (!m) throw new SyntaxError(`not a WebVTT timestamp: "${text}"`);
	return (Number(m[1] ?? 0) * 3_600_000 + Number(m[2]) * 60_000 + Number(m[3]) * 1000 + Number(m[4])) / 1000;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeText = (text: string) => text.replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (_, name: string) => ENTITIES[name]!);

/** Reads WebVTT text strictly: throws on a missing header, a bad timestamp, a cue ending before it starts or out of order. */
export function parseVtt(text: string): { cues: Cue[]; notes: string[] } {
	const blocks = text
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.replace(/\n+$/, '')
		.split(/\n{2,}/)
		.filter((b) => b.trim() !== '');
	const header = blocks.shift() ?? '';
	if (!/^WEBVTT(?:[ \t].*)?$/.test(header.split('\n')[0]!)) throw new SyntaxError('not WebVTT: the first line must be "WEBVTT"');
	const cues: Cue[] = [];
	const notes: string[] = [];
	for (const block of blocks) {
		const lines = block.split('\n');
		if (/^NOTE(?:[ \t\n]|$)/.test(block)) {
			notes.push(block.slice(4).trim());
			continue;
		}
		if (/^(STYLE|REGION)(?:[ \t]|$)/.test(lines[0]!)) continue;
		if (!lines[0]!.includes('-->')) lines.shift(); // a cue identifier
		const timing = TIMING.exec(lines.shift() ?? '');
		if (!timing) throw new SyntaxError(`a cue without a "start --> end" line: "${block.split('\n')[0]}"`);
		const start = parseTime(timing[1]!);
		const end = parseTime(timing[2]!);
		if (end <= start) throw new SyntaxError(`a cue ends before it starts: ${timing[0]}`);
		const previous = cues.at(-1);
		if (previous && start < previous.start) throw new SyntaxError(`cues out of order at ${timing[0]}`);
		cues.push({ start, end, text: unescapeText(lines.join('\n')) });
	}
	return { cues, notes };
}

/** Writes cues as WebVTT, with an optional NOTE block after the header; throws on text that would break a cue. */
export function formatVtt(cues: Cue[], note?: string): string {
	const parts = ['WEBVTT'];
	if (note !== undefined) {
		if (note.includes('-->') || /\n\s*\n/.test(note)) throw new Error('a NOTE cannot contain "-->" or a blank line');
		parts.push(`NOTE ${note}`);
	}
	for (const cue of cues) {
		const text = cue.text.replace(/\r\n?/g, '\n').trim();
		if (!text || /\n\s*\n/.test(text)) throw new Error(`a caption cannot be empty or contain a blank line: "${cue.text}"`);
		if (cue.end <= cue.start) throw new RangeError(`a caption ends before it starts: "${cue.text}"`);
		parts.push(`${formatTime(cue.start)} --> ${formatTime(cue.end)}\n${escapeText(text)}`);
	}
	return parts.join('\n\n') + '\n';
}

/** The captions are exactly the narration: one cue per sentence, same text, in order, with increasing times. */
export function captionsMatchNarration(vttText: string, sentences: readonly string[]): boolean {
	let cues: Cue[];
	try {
		cues = parseVtt(vttText).cues;
	} catch {
		return false;
	}
	return (
		cues.length === sentences.length &&
		cues.every((cue, i) => cue.text === sentences[i]!.trim() && cue.end > cue.start && (i === 0 || cue.start >= cues[i - 1]!.end))
	);
}

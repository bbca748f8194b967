// `npm run content:media [-- --force] [-- --content <dir>]`: makes the narration of every lesson
// with `media: audio|video`, in every language whose file has `narration:`, with espeak-ng and
// ffmpeg: narration.<locale>.mp3 (audio) or .webm (a slide video) plus narration.<locale>.vtt.
// A VTT whose `NOTE source <hash>` matches the current script is up to date and skipped (--force
// redoes everything); narration files a lesson no longer needs are deleted. The content folder is
// --content, else $CONTENT_DIR, else the repository's content/.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { parse } from 'yaml';
import { LOCALES, type AppLocale } from '../src/lib/i18n/locales.ts';
import { formatVtt, parseVtt, type Cue } from '../src/lib/server/learn/content/captions.ts';
import { narrationFiles, parseLessonTranslation } from '../src/lib/server/learn/content/files.ts';

const run = promisify(execFile);

/** Bump when anything about the output changes, so every file is made again. */
const GENERATOR = 'praxis-course-media 1';
const VOICES: Record<AppLocale, string> = { en: 'en-gb', nb: 'nb', cs: 'cs', sk: 'sk', pl: 'pl' };
const WORDS_PER_MINUTE = 150;
const PAUSE_SECONDS = 0.4;
const JOBS = Math.min(2, os.availableParallelism());
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const VIDEO = { width: 640, height: 360, fps: 5, background: '0x1E3A5F', text: 'white', title: '0xC8D7EA', rule: '0x5B7DB1', margin: 40 };

type Kind = 'audio' | 'video';
type Job = { dir: string; rel: string; locale: AppLocale; kind: Kind; title: string; sentences: string[]; hash: string };
type Wav = { rate: number; channels: number; bits: number; data: Buffer };
type Plan = { lessons: number; withMedia: number; jobs: Job[]; skipped: number; deleted: string[] };

const { values: args } = parseArgs({ options: { force: { type: 'boolean', default: false }, content: { type: 'string' } } });
const contentDir = path.resolve(args.content ?? process.env.CONTENT_DIR ?? path.join(import.meta.dirname, '..', 'content'));
const rel = (full: string) => path.relative(contentDir, full);
let problems = 0;
const warn = (message: string) => {
	problems++;
	console.error(`praxis: ${message}`);
};

// ---- Finding the lessons --------------------------------------------------------------------------

function readYaml(file: string): Record<string, unknown> | null {
	try {
		const data: unknown = parse(fs.readFileSync(file, 'utf8'));
		if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
		warn(`${rel(file)}: not a YAML mapping`);
	} catch (error) {
		warn(`${rel(file)}: ${(error as Error).message.split('\n')[0]}`);
	}
	return null;
}

/** The folders a course.yaml or module.yaml lists under `field` that exist (missing ones are noted: they may be in progress). */
function listed(dir: string, yamlName: string, field: string): string[] {
	const file = path.join(dir, yamlName);
	if (!fs.existsSync(file)) return [];
	const list = readYaml(file)?.[field];
	if (!Array.isArray(list)) return [];
	return list
		.filter((key): key is string => typeof key === 'string')
		.filter((key) => {
			const exists = fs.existsSync(path.join(dir, key));
			if (!exists) console.log(`note: ${rel(path.join(dir, key))}/ (listed in ${yamlName}) does not exist yet`);
			return exists;
		})
		.map((key) => path.join(dir, key));
}

function sourceHash(locale: AppLocale, kind: Kind, title: string, sentences: string[]): string {
	return createHash('sha256').update(JSON.stringify([GENERATOR, locale, kind, title, sentences])).digest('hex');
}

function isUpToDate(dir: string, names: { media: string; captions: string }, hash: string): boolean {
	const media = path.join(dir, names.media);
	const captions = path.join(dir, names.captions);
	if (!fs.existsSync(media) || fs.statSync(media).size === 0 || !fs.existsSync(captions)) return false;
	try {
		return parseVtt(fs.readFileSync(captions, 'utf8')).notes.includes(`source ${hash}`);
	} catch {
		return false;
	}
}

/** Plans one lesson: the jobs to run, the files already up to date; deletes narration files it no longer needs. */
function planLesson(dir: string, plan: Plan): void {
	const lesson = readYaml(path.join(dir, 'lesson.yaml'));
	if (!lesson) return;
	const media = lesson.media;
	plan.lessons++;
	if (media) plan.withMedia++;
	if (media !== undefined && media !== 'audio' && media !== 'video') return warn(`${rel(dir)}/lesson.yaml: media must be audio or video`);
	const keep = new Set<string>();
	const unknown = new Set<string>(); // languages whose file cannot be read: leave their files alone
	for (const locale of LOCALES) {
		const file = path.join(dir, `${locale}.md`);
		if (!media || !fs.existsSync(file)) continue;
		let meta: ReturnType<typeof parseLessonTranslation>['meta'];
		try {
			meta = parseLessonTranslation(rel(file), fs.readFileSync(file, 'utf8')).meta;
		} catch (error) {
			warn((error as Error).message);
			unknown.add(locale);
			continue;
		}
		if (!meta.narration.length) {
			if (locale === 'en') warn(`${rel(file)}: narration is required (lesson.yaml has media: ${media})`);
			continue;
		}
		const names = narrationFiles(media, locale);
		keep.add(names.media).add(names.captions);
		const hash = sourceHash(locale, media, meta.title, meta.narration);
		if (!args.force && isUpToDate(dir, names, hash)) plan.skipped++;
		else plan.jobs.push({ dir, rel: rel(dir), locale, kind: media, title: meta.title, sentences: meta.narration, hash });
	}
	for (const name of fs.readdirSync(dir)) {
		const match = /^narration\.([^.]+)\./.exec(name);
		if (!match || keep.has(name) || unknown.has(match[1]!)) continue;
		fs.rmSync(path.join(dir, name));
		plan.deleted.push(rel(path.join(dir, name)));
	}
}

function planAll() {
	const plan: Plan = { lessons: 0, withMedia: 0, jobs: [], skipped: 0, deleted: [] };
	const courses = path.join(contentDir, 'courses');
	if (!fs.existsSync(courses)) throw new Error(`${courses} does not exist`);
	for (const course of fs.readdirSync(courses).sort()) {
		const courseDir = path.join(courses, course);
		if (!fs.existsSync(path.join(courseDir, 'course.yaml'))) continue;
		for (const moduleDir of listed(courseDir, 'course.yaml', 'modules')) {
			for (const lessonDir of listed(moduleDir, 'module.yaml', 'lessons')) planLesson(lessonDir, plan);
		}
	}
	return plan;
}

// ---- Tools --------------------------------------------------------------------------------------

async function checkTools(): Promise<void> {
	const missing: string[] = [];
	for (const [tool, versionFlag] of [['espeak-ng', '--version'], ['ffmpeg', '-version']] as const) {
		await run(tool, [versionFlag]).catch(() => missing.push(tool));
	}
	if (!fs.existsSync(FONT)) missing.push('fonts-dejavu-core');
	if (missing.length) throw new Error(`content:media needs ${missing.join(' and ')}: install with \`sudo apt-get install ${missing.join(' ')}\``);
}

// ---- Audio --------------------------------------------------------------------------------------

/** The PCM inside a WAV file, from its `fmt ` and `data` chunks. */
function readWav(file: string): Wav {
	const buf = fs.readFileSync(file);
	if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') throw new Error(`${file} is not a WAV file`);
	let format: Omit<Wav, 'data'> | null = null;
	for (let at = 12; at + 8 <= buf.length; ) {
		const id = buf.toString('latin1', at, at + 4);
		let size = buf.readUInt32LE(at + 4);
		if (id === 'fmt ') {
			if (buf.readUInt16LE(at + 8) !== 1) throw new Error(`${file} is not PCM`);
			format = { channels: buf.readUInt16LE(at + 10), rate: buf.readUInt32LE(at + 12), bits: buf.readUInt16LE(at + 22) };
		} else if (id === 'data') {
			if (!format) throw new Error(`${file}: data before fmt`);
			// espeak-ng leaves the size at 0 or 0xFFFFFFFF when it cannot seek back; the data then runs to the end.
			if (size === 0 || at + 8 + size > buf.length) size = buf.length - at - 8;
			const frame = (format.channels * format.bits) / 8;
			return { ...format, data: buf.subarray(at + 8, at + 8 + size - (size % frame)) };
		}
		at += 8 + size + (size % 2);
	}
	throw new Error(`${file} has no audio data`);
}

function writeWav(file: string, format: Omit<Wav, 'data'>, parts: Buffer[]): void {
	const data = Buffer.concat(parts);
	const header = Buffer.alloc(44);
	const frame = (format.channels * format.bits) / 8;
	header.write('RIFF', 0, 'latin1');
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVEfmt ', 8, 'latin1');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(format.channels, 22);
	header.writeUInt32LE(format.rate, 24);
	header.writeUInt32LE(format.rate * frame, 28);
	header.writeUInt16LE(frame, 32);
	header.writeUInt16LE(format.bits, 34);
	header.write('data', 36, 'latin1');
	header.writeUInt32LE(data.length, 40);
	fs.writeFileSync(file, Buffer.concat([header, data]));
}

/** Speaks each sentence, joins them with a pause after each, and returns the WAV and one cue per sentence (the pause included). */
async function narrate(job: Job, tmp: string): Promise<{ wav: string; cues: Cue[]; seconds: number }> {
	const parts: Buffer[] = [];
	const cues: Cue[] = [];
	let format: Omit<Wav, 'data'> | null = null;
	let frames = 0;
	for (const [i, sentence] of job.sentences.entries()) {
		const text = path.join(tmp, `sentence-${i}.txt`);
		const wav = path.join(tmp, `sentence-${i}.wav`);
		fs.writeFileSync(text, sentence);
		await run('espeak-ng', ['-v', VOICES[job.locale], '-s', String(WORDS_PER_MINUTE), '-b', '1', '-f', text, '-w', wav]);
		const speech = readWav(wav);
		format ??= { rate: speech.rate, channels: speech.channels, bits: speech.bits };
		if (speech.rate !== format.rate || speech.channels !== format.channels || speech.bits !== format.bits) throw new Error('espeak-ng changed its WAV format between sentences');
		const frameBytes = (format.channels * format.bits) / 8;
		const pause = Buffer.alloc(Math.round(PAUSE_SECONDS * format.rate) * frameBytes);
		parts.push(speech.data, pause);
		const start = frames / format.rate;
		frames += (speech.data.length + pause.length) / frameBytes;
		cues.push({ start, end: frames / format.rate, text: sentence });
	}
	if (!format) throw new Error('no narration');
	const wav = path.join(tmp, 'narration.wav');
	writeWav(wav, format, parts);
	return { wav, cues, seconds: frames / format.rate };
}

// ---- Slides -------------------------------------------------------------------------------------

/** Approximate advance widths of DejaVu Sans in em, close enough to wrap lines inside the margins. */
function widthEm(text: string): number {
	let em = 0;
	for (const ch of text.normalize('NFD').replace(/\p{M}/gu, '')) {
		if (ch === ' ') em += 0.32;
		else if ("ijl.,:;'!|".includes(ch)) em += 0.3;
		else if ('frtI()[]"-'.includes(ch)) em += 0.42;
		else if ('mwMWæœÆŒ—…%@'.includes(ch)) em += 1.0;
		else if (/\p{Lu}/u.test(ch)) em += 0.76;
		else if (/[\p{Ll}\d]/u.test(ch)) em += 0.64;
		else em += 0.7;
	}
	return em;
}

/** Breaks text into lines at most `maxEm` wide, at spaces (a word longer than a line is cut). */
function wrap(text: string, maxEm: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (let word of text.split(/\s+/).filter(Boolean)) {
		while (widthEm(word) > maxEm) {
			let cut = word.length - 1;
			while (cut > 1 && widthEm(word.slice(0, cut)) > maxEm) cut--;
			if (line) lines.push(line);
			lines.push(word.slice(0, cut));
			line = '';
			word = word.slice(cut);
		}
		if (line && widthEm(`${line} ${word}`) > maxEm) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

/** The largest font size at which the sentence fits the slide's text area. */
function fitSentence(sentence: string, width: number, height: number): { size: number; lineHeight: number; lines: string[] } {
	for (const size of [30, 27, 24, 21, 19, 17, 15]) {
		const lineHeight = Math.round(size * 1.32);
		const lines = wrap(sentence, width / size);
		if (lines.length * lineHeight <= height) return { size, lineHeight, lines };
	}
	const lineHeight = 18;
	return { size: 14, lineHeight, lines: wrap(sentence, width / 14).slice(0, Math.floor(height / lineHeight)) };
}

/** The ffmpeg filter graph that draws the title and, while its cue lasts, each sentence; writes its text files into `tmp`. */
function slideFilter(job: Job, cues: Cue[], tmp: string): string {
	const { width, height, margin } = VIDEO;
	const textWidth = width - 2 * margin;
	const filters: string[] = [];
	let files = 0;
	const drawtext = (text: string, size: number, color: string, baseline: number, enable?: string) => {
		const name = `line-${files++}.txt`; // read from a file: no escaping of the text, no %{} expansion
		fs.writeFileSync(path.join(tmp, name), text);
		filters.push(
			`drawtext=fontfile=${FONT}:textfile=${name}:expansion=none:fontsize=${size}:fontcolor=${color}` +
				`:x=(w-text_w)/2:y=${baseline}-ascent${enable ? `:enable='${enable}'` : ''}`
		);
	};

	let titleLines = wrap(job.title, textWidth / 17);
	if (titleLines.length > 2) titleLines = [titleLines[0]!, `${titleLines[1]!.replace(/\s*\S+$/, '')} …`];
	titleLines.forEach((line, i) => drawtext(line, 17, VIDEO.title, 34 + i * 22));
	const ruleY = 34 + (titleLines.length - 1) * 22 + 16;
	filters.push(`drawbox=x=${margin}:y=${ruleY}:w=${textWidth}:h=2:color=${VIDEO.rule}:t=fill`);

	const top = ruleY + 18;
	const areaHeight = height - 24 - top;
	cues.forEach((cue, i) => {
		const { size, lineHeight, lines } = fitSentence(cue.text, textWidth, areaHeight);
		const first = top + (areaHeight - lines.length * lineHeight) / 2 + (lineHeight - size * 1.16) / 2 + size * 0.93;
		const last = i === cues.length - 1;
		const enable = `gte(t,${cue.start.toFixed(3)})${last ? '' : `*lt(t,${cue.end.toFixed(3)})`}`;
		lines.forEach((line, j) => drawtext(line, size, VIDEO.text, Math.round(first + j * lineHeight), enable));
	});
	return `[0:v]${filters.join(',')},format=yuv420p[v]`;
}

// ---- Making one lesson's files ------------------------------------------------------------------

async function encode(job: Job, tmp: string, wav: string, cues: Cue[], seconds: number, threads: number): Promise<string> {
	const out = path.join(tmp, job.kind === 'audio' ? 'out.mp3' : 'out.webm');
	const common = ['-hide_banner', '-loglevel', 'error', '-y', '-threads', String(threads)];
	const exact = ['-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact'];
	if (job.kind === 'audio') {
		await run('ffmpeg', [...common, '-i', wav, ...exact, '-c:a', 'libmp3lame', '-b:a', '32k', '-ar', '22050', '-ac', '1', out], { cwd: tmp });
	} else {
		fs.writeFileSync(path.join(tmp, 'slides.txt'), slideFilter(job, cues, tmp));
		const background = `color=c=${VIDEO.background}:s=${VIDEO.width}x${VIDEO.height}:r=${VIDEO.fps}:d=${seconds.toFixed(3)}`;
		await run(
			'ffmpeg',
			[
				...common,
				...['-f', 'lavfi', '-i', background, '-i', wav, '-filter_complex_script', 'slides.txt', '-map', '[v]', '-map', '1:a'],
				...exact,
				...['-flags:v', '+bitexact', '-c:v', 'libvpx-vp9', '-crf', '45', '-b:v', '0', '-deadline', 'good', '-cpu-used', '4'],
				...['-row-mt', '1', '-g', String(VIDEO.fps * 10), '-c:a', 'libopus', '-b:a', '24k', '-ac', '1', '-t', seconds.toFixed(3), out]
			],
			{ cwd: tmp, maxBuffer: 16 * 1024 * 1024 }
		);
	}
	return out;
}

/** Copies into the lesson folder through a temporary name, so a half-written file is never taken for a finished one. */
function install(from: string, to: string): number {
	const part = `${to}.part-${process.pid}`;
	fs.copyFileSync(from, part);
	fs.renameSync(part, to);
	return fs.statSync(to).size;
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-media-'));
const cleanUp = () => fs.rmSync(tmpRoot, { recursive: true, force: true });
process.once('SIGINT', () => {
	cleanUp();
	process.exit(130);
});

const totals = { files: 0, bytes: 0 };

async function make(job: Job, threads: number): Promise<void> {
	const began = performance.now();
	const tmp = fs.mkdtempSync(path.join(tmpRoot, `${job.locale}-`));
	try {
		const { wav, cues, seconds } = await narrate(job, tmp);
		const out = await encode(job, tmp, wav, cues, seconds, threads);
		const names = narrationFiles(job.kind, job.locale);
		const captions = path.join(tmp, 'out.vtt');
		fs.writeFileSync(captions, formatVtt(cues, `source ${job.hash}`));
		// The media first, the captions (which carry the hash) last: an interrupted run is redone next time.
		const mediaBytes = install(out, path.join(job.dir, names.media));
		const captionBytes = install(captions, path.join(job.dir, names.captions));
		totals.files += 2;
		totals.bytes += mediaBytes + captionBytes;
		const took = ((performance.now() - began) / 1000).toFixed(1);
		console.log(`wrote ${path.join(job.rel, names.media)}  ${seconds.toFixed(1)} s, ${mediaBytes} bytes (${took} s to make)`);
		console.log(`wrote ${path.join(job.rel, names.captions)}  ${cues.length} cues, ${captionBytes} bytes`);
	} catch (error) {
		const e = error as Error & { stderr?: string };
		warn(`${job.rel} (${job.locale}): ${(e.stderr?.trim() || e.message).split('\n').slice(-3).join(' / ')}`);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

const began = performance.now();
try {
	const plan = planAll();
	for (const file of plan.deleted) console.log(`deleted ${file} (no longer needed)`);
	if (plan.jobs.length) await checkTools();
	const workers = Math.min(JOBS, plan.jobs.length);
	const threads = Math.max(1, Math.floor(os.availableParallelism() / Math.max(1, workers)));
	const queue = [...plan.jobs];
	await Promise.all(
		Array.from({ length: workers }, async () => {
			for (let job = queue.shift(); job; job = queue.shift()) await make(job, threads);
		})
	);
	const seconds = ((performance.now() - began) / 1000).toFixed(1);
	console.log(
		`content:media: ${plan.lessons} lessons, ${plan.withMedia} with media; ${totals.files} files written (${totals.bytes} bytes), ${plan.skipped * 2} skipped as up to date, ` +
			`${plan.deleted.length} deleted, in ${seconds} s${problems ? `; ${problems} problem${problems === 1 ? '' : 's'} (above)` : ''}`
	);
} catch (error) {
	warn((error as Error).message);
} finally {
	cleanUp();
}
if (problems) process.exitCode = 1;

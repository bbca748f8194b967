import { eq } from 'drizzle-orm';
import { m } from '../../../paraglide/messages.js';
import { BASE_LOCALE, type AppLocale } from '../../../i18n/locales.ts';
import { localizeHref } from '../../../i18n/paths.ts';
import { diagramFigure, isDiagramKey } from '../../../diagrams/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { lesson, lessonFile, lessonTranslation } from '../../db/schema/learn.ts';
import type { ActivityStructure, ActivityTexts } from '../content/index.ts';
import type { CourseOutline, ModuleOutline } from './catalogue.ts';
import { narrationFiles } from '../content/index.ts';
import { renderMarkdown, type CalloutKind, type RenderContext } from '../content/index.ts';

/** The lesson an event happened in, with what completing it depends on. */
export type LessonRef = {
	id: number;
	key: string;
	title: string;
	courseId: number;
	courseSlug: string;
	courseTitle: string;
	moduleId: number;
	moduleKey: string;
	moduleTitle: string;
	completion: string;
	activities: ActivityStructure[];
};

export type LessonMedia = {
	kind: 'audio' | 'video';
	src: string;
	mime: string;
	captions: string;
	/** The language of the narration: the reader's, or English as a visible fallback. */
	locale: string;
	transcript: string[];
};

export type ActivityView =
	| { kind: 'quiz'; key: string; title: string; passMark: number; questions: { key: string; prompt: string; multiple: boolean; options: { key: string; text: string; feedback: string; correct: boolean }[] }[] }
	| { kind: 'reflection'; key: string; title: string; prompt: string }
	| { kind: 'case'; key: string; title: string; situation: string; question: string; choices: { key: string; text: string; consequence: string }[] };

export type LessonView = {
	ref: LessonRef;
	module: ModuleOutline;
	title: string;
	summary: string;
	html: string;
	minutes: number;
	shownLocale: string;
	availableLocales: string[];
	outdated: boolean;
	media: LessonMedia | null;
	activities: ActivityView[];
	updatedAt: Date;
};

/** Joins a lesson's activity structure with its texts in one language. */
export function activityViews(structure: ActivityStructure[], texts: Record<string, ActivityTexts>): ActivityView[] {
	return structure.flatMap((a): ActivityView[] => {
		const t = texts[a.key];
		if (!t) return [];
		if (a.kind === 'quiz' && 'questions' in t) {
			return [
				{
					kind: 'quiz',
					key: a.key,
					title: t.title,
					passMark: a.passMark,
					questions: a.questions.map((q) => ({
						key: q.key,
						prompt: t.questions[q.key]?.prompt ?? q.key,
						multiple: q.multiple,
						options: q.options.map((o) => ({
							key: o,
							text: t.questions[q.key]?.options[o]?.text ?? o,
							feedback: t.questions[q.key]?.options[o]?.feedback ?? '',
							correct: q.correct.includes(o)
						}))
					}))
				}
			];
		}
		if (a.kind === 'reflection' && 'prompt' in t) return [{ kind: 'reflection', key: a.key, title: t.title, prompt: t.prompt }];
		if (a.kind === 'case' && 'choices' in t) {
			return [
				{
					kind: 'case',
					key: a.key,
					title: t.title,
					situation: t.situation,
					question: t.question,
					choices: a.choices.map((c) => ({ key: c, text: t.choices[c]?.text ?? c, consequence: t.choices[c]?.consequence ?? '' }))
				}
			];
		}
		return [];
	});
}

export const mediaUrl = (file: { sha256: string; name: string }) => `/media/${file.sha256}/${encodeURIComponent(file.name)}`;

const CALLOUTS: Record<CalloutKind, (inputs: object, options: { locale: AppLocale }) => string> = {
	note: m.learn_callout_note,
	tip: m.learn_callout_tip,
	example: m.learn_callout_example,
	warning: m.learn_callout_warning
};

/** How lesson Markdown is rendered for readers of `locale`: platform links and callout labels in their language. */
export function lessonRenderContext(locale: AppLocale): Omit<RenderContext, 'fileUrl'> {
	return {
		localize: (path) => localizeHref(path, { locale }),
		calloutLabel: (kind) => CALLOUTS[kind]({}, { locale }),
		diagram: (key, n) => (isDiagramKey(key) ? diagramFigure(key, locale, n ? `-${n + 1}` : '') : null)
	};
}

/** The URL of a lesson's image by its file name (only images: other files are not for `<img>`). */
export function imageUrls(files: { name: string; mime: string; sha256: string }[]): RenderContext['fileUrl'] {
	const byName = new Map(files.map((f) => [f.name, f]));
	return (name) => {
		const f = byName.get(name);
		return f && f.mime.startsWith('image/') ? mediaUrl(f) : null;
	};
}

/** One lesson of a course outline, ready to show in `locale`: three queries. */
export async function getLesson(
	db: DbOrTx,
	outline: CourseOutline,
	lessonKey: string,
	locale: AppLocale,
	ctx: Omit<RenderContext, 'fileUrl'>
): Promise<LessonView | undefined> {
	const module = outline.moduleList.find((m) => m.lessons.some((l) => l.key === lessonKey));
	const summary = module?.lessons.find((l) => l.key === lessonKey);
	if (!module || !summary) return undefined;
	const [row] = await db.select().from(lesson).where(eq(lesson.id, summary.id));
	if (!row) return undefined;
	const translations = await db
		.select()
		.from(lessonTranslation)
		.where(eq(lessonTranslation.lessonId, row.id));
	const wanted = translations.find((t) => t.locale === locale);
	const base = translations.find((t) => t.locale === BASE_LOCALE);
	const t = wanted ?? base;
	if (!t) return undefined;
	const files = await db
		.select({ name: lessonFile.name, sha256: lessonFile.sha256, mime: lessonFile.mime })
		.from(lessonFile)
		.where(eq(lessonFile.lessonId, row.id));
	const byName = new Map(files.map((f) => [f.name, f]));

	let media: LessonMedia | null = null;
	if (row.media === 'audio' || row.media === 'video') {
		const kind = row.media;
		const source = [wanted, base].find((c) => c && c.narration.length && byName.has(narrationFiles(kind, c.locale as AppLocale).media));
		if (source) {
			const names = narrationFiles(kind, source.locale as AppLocale);
			const file = byName.get(names.media)!;
			const captions = byName.get(names.captions);
			if (captions) {
				media = { kind, src: mediaUrl(file), mime: file.mime, captions: mediaUrl(captions), locale: source.locale, transcript: source.narration };
			}
		}
	}

	const html = renderMarkdown(t.body, { ...ctx, fileUrl: imageUrls(files) });
	return {
		ref: {
			id: row.id,
			key: row.key,
			title: t.title,
			courseId: outline.id,
			courseSlug: outline.slug,
			courseTitle: outline.title,
			moduleId: module.id,
			moduleKey: module.key,
			moduleTitle: module.title,
			completion: row.completion,
			activities: row.activities
		},
		module,
		title: t.title,
		summary: t.summary,
		html,
		minutes: row.minutes,
		shownLocale: t.locale,
		availableLocales: translations.map((x) => x.locale).sort(),
		outdated: !!wanted && !!base && wanted !== base && wanted.updatedAt < base.updatedAt,
		media,
		activities: activityViews(row.activities, t.activities),
		updatedAt: t.updatedAt
	};
}

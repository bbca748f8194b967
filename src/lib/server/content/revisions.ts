import { diffWords } from 'diff';

export type DiffPart = { text: string; added: boolean; removed: boolean };
export type RevisionView = { id: number; createdAt: Date; who: string | null; title: DiffPart[]; body: DiffPart[] };

/** Word by word, what turned `before` into `after`. */
export const wordDiff = (before: string | null, after: string): DiffPart[] =>
	diffWords(before ?? '', after).map((p) => ({ text: p.value, added: !!p.added, removed: !!p.removed }));

/** A stored revision as an editor's history shows it: when, who, and word diffs of title and body. */
export function revisionView(r: {
	id: number;
	createdAt: Date;
	editorName?: string | null;
	previousTitle: string | null;
	title: string;
	previousBody: string | null;
	body: string;
}): RevisionView {
	return { id: r.id, createdAt: r.createdAt, who: r.editorName ?? null, title: wordDiff(r.previousTitle, r.title), body: wordDiff(r.previousBody, r.body) };
}

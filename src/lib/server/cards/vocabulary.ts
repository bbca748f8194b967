// The fixed vocabulary of the ethics cards: decks, the guideline groups they follow, the steps of
// the reflection model, sectors and client groups. Labels live in messages/cards/.

/** The three groups of the twelve ethical guidelines (numbers as in content/frameworks/ethical-guidelines.yaml). */
export const GUIDELINE_GROUPS = {
	competence: [1, 2, 3],
	relation: [4, 5, 6, 7, 8],
	reflection: [9, 10, 11, 12]
} as const;
export type GuidelineGroup = keyof typeof GUIDELINE_GROUPS;
export const GUIDELINE_GROUP_KEYS = Object.keys(GUIDELINE_GROUPS) as GuidelineGroup[];
export const GUIDELINES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** The four decks: situation cards, then one one-question deck per guideline group. */
export const DECKS = ['situations', ...GUIDELINE_GROUP_KEYS] as const;
export type Deck = (typeof DECKS)[number];

/** The eight steps of the reflection model, in the framework's order (keys of its `step-…` nodes). */
export const REFLECTION_STEPS = ['challenge', 'framework', 'obligations', 'alternatives', 'consequences', 'intuition', 'support', 'debrief'] as const;
export type ReflectionStep = (typeof REFLECTION_STEPS)[number];

export const SECTORS = ['school', 'upper-secondary', 'higher-education', 'employment-service', 'adult-refugee', 'private-practice', 'digital'] as const;
export type Sector = (typeof SECTORS)[number];

export const CLIENT_GROUPS = ['pupils', 'young-adults', 'students', 'jobseekers', 'adults', 'refugees', 'employees'] as const;
export type ClientGroup = (typeof CLIENT_GROUPS)[number];

/** The framework node a guideline number links to. */
export const guidelineNode = (n: number) => `guideline-${n}`;
/** The framework node a reflection step links to. */
export const stepNode = (step: string) => `step-${step}`;
export const ETHICS_FRAMEWORK = 'ethical-guidelines';

/** The group a guideline number belongs to. */
export function groupOf(guideline: number): GuidelineGroup | undefined {
	return GUIDELINE_GROUP_KEYS.find((g) => (GUIDELINE_GROUPS[g] as readonly number[]).includes(guideline));
}

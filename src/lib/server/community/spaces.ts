// Community spaces: the public ones shipped in content/community/spaces.yaml, and the private
// space of each organisation and cohort, made the first time one of its members opens it.
import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { LOCALES, type AppLocale } from '../../i18n/locales.ts';
import { emptyReport, type ImportOptions, type ImportReport } from '../content/report.ts';
import { readContentFolder } from '../content/files.ts';
import type { DbOrTx } from '../db/client.ts';
import { communitySpace, communitySpaceTranslation } from '../db/schema/community.ts';
import { cohort, cohortMember } from '../db/schema/learn.ts';
import { membership, organisation } from '../db/schema/organisations.ts';
import { isSlug, UUID } from '../forms/index.ts';
import { can, type Actor, type SpaceAsSeen } from '../policies/index.ts';
import { ok, problem, type Result } from '../result/index.ts';

const line = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const wording = z.strictObject({ title: line(80), description: line(300) });

/** The shape of content/community/spaces.yaml: every space in all five languages. */
export const spacesFile = z.strictObject({
	spaces: z
		.array(
			z.strictObject({
				slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug').refine((s) => !/^(org|cohort)-/.test(s), 'org- and cohort- are kept for private spaces'),
				country: z.enum(['NO', 'CZ', 'SK', 'PL']).optional(),
				...(Object.fromEntries(LOCALES.map((l) => [l, wording])) as Record<AppLocale, typeof wording>)
			})
		)
		.min(1)
});

/** Imports the public spaces: new ones are added, changed titles and descriptions replaced. */
export async function importSpaces(db: DbOrTx, contentDir: string, _options: ImportOptions): Promise<ImportReport> {
	const report = emptyReport('community');
	const file = readContentFolder(contentDir, 'community', spacesFile).find((f) => f.slug === 'spaces');
	if (!file) return report;
	const existing = new Map((await db.select({ id: communitySpace.id, slug: communitySpace.slug, hash: communitySpace.importedHash }).from(communitySpace).where(eq(communitySpace.kind, 'public'))).map((r) => [r.slug, r]));
	for (const [position, space] of file.data.spaces.entries()) {
		const hash = createHash('sha256').update(JSON.stringify([position, space])).digest('hex');
		const row = existing.get(space.slug);
		if (row?.hash === hash) {
			report.unchanged++;
			continue;
		}
		const values = { kind: 'public', country: space.country ?? null, position, importedHash: hash };
		let id: string;
		if (row) {
			await db.update(communitySpace).set(values).where(eq(communitySpace.id, row.id));
			id = row.id;
			report.updated.push(space.slug);
		} else {
			const [inserted] = await db.insert(communitySpace).values({ slug: space.slug, ...values }).returning({ id: communitySpace.id });
			id = inserted!.id;
			report.created.push(space.slug);
		}
		await db
			.insert(communitySpaceTranslation)
			.values(LOCALES.map((locale) => ({ spaceId: id, locale, ...space[locale] })))
			.onConflictDoUpdate({
				target: [communitySpaceTranslation.spaceId, communitySpaceTranslation.locale],
				set: { title: sql`excluded.title`, description: sql`excluded.description` }
			});
	}
	return report;
}

/** A space as a reader sees it: its words in their language and where they stand in it. */
export type Space = {
	id: string;
	slug: string;
	kind: 'public' | 'organisation' | 'cohort';
	title: string;
	description: string;
	access: SpaceAsSeen;
};

const PRIVATE_SLUG = new RegExp(`^(org|cohort)-(${UUID.source.slice(1, -1)})$`, 'i');

/** The slug of an organisation's or a cohort's space. */
export const organisationSpaceSlug = (organisationId: string) => `org-${organisationId}`;
export const cohortSpaceSlug = (cohortId: string) => `cohort-${cohortId}`;

/** Makes the private space of an organisation or cohort if it is not there yet; its id. */
async function ensurePrivateSpace(db: DbOrTx, kind: 'organisation' | 'cohort', ownerId: string, slug: string): Promise<string> {
	await db
		.insert(communitySpace)
		.values({ slug, kind, organisationId: kind === 'organisation' ? ownerId : null, cohortId: kind === 'cohort' ? ownerId : null })
		.onConflictDoNothing();
	const [row] = await db.select({ id: communitySpace.id }).from(communitySpace).where(eq(communitySpace.slug, slug));
	return row!.id;
}

/**
 * The space at `slug` for the actor (a visitor too: public spaces are read by anyone). A private
 * space is made on its first visit by a member; to anyone else it answers 'not_found', exactly as
 * a space that does not exist.
 */
export async function openSpace(db: DbOrTx, actor: Actor, slug: string, locale: AppLocale): Promise<Result<Space>> {
	if (!isSlug(slug, 120)) return problem('not_found');
	const lowered = slug.toLowerCase();
	const priv = PRIVATE_SLUG.exec(lowered);
	if (priv) {
		if (!actor) return problem('not_found');
		const ownerId = priv[2]!;
		if (priv[1] === 'org') {
			const [row] = await db
				.select({ name: organisation.name, role: membership.role })
				.from(organisation)
				.leftJoin(membership, and(eq(membership.organisationId, organisation.id), eq(membership.userId, actor.id)))
				.where(eq(organisation.id, ownerId));
			const access: SpaceAsSeen = { kind: 'organisation', member: !!row?.role, moderator: row?.role === 'owner' || row?.role === 'leader' };
			if (!row || !can(actor, 'community:read', access)) return problem('not_found');
			const id = await ensurePrivateSpace(db, 'organisation', ownerId, lowered);
			return ok({ id, slug: lowered, kind: 'organisation', title: row.name, description: '', access });
		}
		const [row] = await db
			.select({ name: cohort.name, facilitatorId: cohort.facilitatorId, member: cohortMember.userId })
			.from(cohort)
			.leftJoin(cohortMember, and(eq(cohortMember.cohortId, cohort.id), eq(cohortMember.userId, actor.id)))
			.where(eq(cohort.id, ownerId));
		const access: SpaceAsSeen = { kind: 'cohort', member: !!row?.member, moderator: row?.facilitatorId === actor.id };
		if (!row || !can(actor, 'community:read', access)) return problem('not_found');
		const id = await ensurePrivateSpace(db, 'cohort', ownerId, lowered);
		return ok({ id, slug: lowered, kind: 'cohort', title: row.name, description: '', access });
	}
	const [row] = await publicSpaces(db, locale, lowered);
	if (!row) return problem('not_found');
	return ok({ ...row, access: { kind: 'public', member: false, moderator: false } });
}

/** The public spaces (or the one with `slug`) in the reader's language, English where one is missing. */
async function publicSpaces(db: DbOrTx, locale: AppLocale, slug?: string) {
	const rows = await db
		.select({
			id: communitySpace.id,
			slug: communitySpace.slug,
			country: communitySpace.country,
			title: sql<string>`coalesce((select t.title from community_space_translation t where t.space_id = community_space.id and t.locale = ${locale}), (select t.title from community_space_translation t where t.space_id = community_space.id and t.locale = 'en'), community_space.slug)`,
			description: sql<string>`coalesce((select t.description from community_space_translation t where t.space_id = community_space.id and t.locale = ${locale}), (select t.description from community_space_translation t where t.space_id = community_space.id and t.locale = 'en'), '')`,
			threads: sql<number>`(select count(*)::int from community_thread th where th.space_id = community_space.id and th.deleted_at is null and not th.hidden and not th.held)`
		})
		.from(communitySpace)
		.where(slug ? and(eq(communitySpace.kind, 'public'), eq(communitySpace.slug, slug)) : eq(communitySpace.kind, 'public'))
		.orderBy(asc(communitySpace.position), asc(communitySpace.slug));
	return rows.map((r) => ({ ...r, kind: 'public' as const }));
}

export type SpaceListed = { slug: string; kind: 'public' | 'organisation' | 'cohort'; title: string; description: string; country: string | null; threads: number | null };

/** The spaces on /community: the public ones, then the actor's organisations and cohorts. */
export async function listSpaces(db: DbOrTx, actor: Actor, locale: AppLocale): Promise<{ public: SpaceListed[]; mine: SpaceListed[] }> {
	const pub = (await publicSpaces(db, locale)).map(({ id: _id, ...s }) => s);
	if (!actor) return { public: pub, mine: [] };
	const orgs = await db
		.select({ id: organisation.id, name: organisation.name })
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(eq(membership.userId, actor.id))
		.orderBy(asc(organisation.name));
	const cohorts = await db
		.selectDistinct({ id: cohort.id, name: cohort.name })
		.from(cohort)
		.leftJoin(cohortMember, and(eq(cohortMember.cohortId, cohort.id), eq(cohortMember.userId, actor.id)))
		.where(sql`${cohort.facilitatorId} = ${actor.id} or ${cohortMember.userId} is not null`)
		.orderBy(asc(cohort.name));
	const mine: SpaceListed[] = [
		...orgs.map((o) => ({ slug: organisationSpaceSlug(o.id), kind: 'organisation' as const, title: o.name, description: '', country: null, threads: null })),
		...cohorts.map((c) => ({ slug: cohortSpaceSlug(c.id), kind: 'cohort' as const, title: c.name, description: '', country: null, threads: null }))
	];
	return { public: pub, mine };
}

/**
 * Where the actor stands in the space a thread belongs to, by the space's id (for a thread opened
 * by its id alone: notifications, the live feed, search).
 */
export async function accessToSpace(db: DbOrTx, actor: Actor, spaceId: string): Promise<{ slug: string; access: SpaceAsSeen } | undefined> {
	const [row] = await db.select().from(communitySpace).where(eq(communitySpace.id, spaceId));
	if (!row) return undefined;
	if (row.kind === 'public') return { slug: row.slug, access: { kind: 'public', member: false, moderator: false } };
	if (!actor) return undefined;
	if (row.kind === 'organisation') {
		const [m] = await db.select({ role: membership.role }).from(membership).where(and(eq(membership.organisationId, row.organisationId!), eq(membership.userId, actor.id)));
		return { slug: row.slug, access: { kind: 'organisation', member: !!m, moderator: m?.role === 'owner' || m?.role === 'leader' } };
	}
	const [c] = await db
		.select({ facilitatorId: cohort.facilitatorId, member: cohortMember.userId })
		.from(cohort)
		.leftJoin(cohortMember, and(eq(cohortMember.cohortId, cohort.id), eq(cohortMember.userId, actor.id)))
		.where(eq(cohort.id, row.cohortId!));
	return { slug: row.slug, access: { kind: 'cohort', member: !!c?.member, moderator: c?.facilitatorId === actor.id } };
}

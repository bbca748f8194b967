// The development plan's links to staff training, on both engines: an action links to a course,
// a lesson or a resource of the library, chosen from a list in the reader's language; a forged or
// unknown choice is refused with a message and saves nothing; the plan shows the organisation's
// uptake of each link as counts only (courses and lessons: started and completed; resources: on
// the shelf and in a session plan), never for an organisation under three members.
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/lib/server/db/client.ts';
import { user } from '../../src/lib/server/db/schema/accounts.ts';
import { membership } from '../../src/lib/server/db/schema/organisations.ts';
import { frameworkVersion } from '../../src/lib/server/db/schema/frameworks.ts';
import { practiceBenchmark, practiceTarget } from '../../src/lib/server/db/schema/practices.ts';
import { qualityAction } from '../../src/lib/server/db/schema/quality.ts';
import { resource } from '../../src/lib/server/db/schema/resources.ts';
import { parseForm } from '../../src/lib/server/forms/index.ts';
import { createOrganisation } from '../../src/lib/server/organisations/service.ts';
import type { Actor } from '../../src/lib/server/policies/index.ts';
import { actionForm } from '../../src/lib/server/quality/forms.ts';
import { addAction, organisationQuality, updateAction, type ActionInput } from '../../src/lib/server/quality/service.ts';
import { addStep, createPlan, setFavourite } from '../../src/lib/server/resources/index.ts';
import { writeTestCourse } from '../helpers/course.ts';
import { seedContent, testDatabases } from '../helpers/db.ts';
import { value } from '../helpers/result.ts';

const as = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });

const RESOURCE = 'norwegian-quality-framework-website';
const OTHER = 'compass-careers-enterprise-company';
const action = (training: string | null): ActionInput => ({ roundId: null, criterionKey: null, goal: 'Know the framework', title: `Linked to ${training}`, ownerId: null, deadline: null, notes: '', training });

let contentDir: string;
beforeAll(() => {
	// The small test course, the shipped library (without career learning, which needs its framework) and one framework.
	contentDir = writeTestCourse();
	fs.mkdirSync(path.join(contentDir, 'resources'));
	fs.copyFileSync('content/resources/library.yaml', path.join(contentDir, 'resources', 'library.yaml'));
	// A framework version for the self-benchmark's rows.
	fs.mkdirSync(path.join(contentDir, 'frameworks'));
	fs.copyFileSync('content/frameworks/guidance-service-self-assessment.yaml', path.join(contentDir, 'frameworks', 'guidance-service-self-assessment.yaml'));
});
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));

describe('the action form', () => {
	const form = (training: string) => {
		const data = new FormData();
		data.set('goal', 'g');
		data.set('title', 't');
		data.set('training', training);
		return parseForm(actionForm, data);
	};
	it('takes a course, a lesson or a resource, and refuses anything else with a message', () => {
		for (const ok of ['basics', 'basics/first/welcome', `resource:${RESOURCE}`]) expect(form(ok)).toMatchObject({ ok: true, data: { training: ok } });
		for (const bad of ['resource:', 'resource:../x', 'resource:A B', 'basics/first', 'file:x', "x' or 1=1", 'resource:a/b'])
			expect(form(bad)).toMatchObject({ ok: false, errors: { training: 'error_invalid' } });
		expect(form('')).toMatchObject({ ok: true, data: { training: undefined } });
	});
});

describe.each(testDatabases())('plan links on $name', ({ open }) => {
	let database: Database;
	let db: DbOrTx;
	beforeEach(async () => {
		database = await open();
		db = database.db;
		await seedContent(database, [contentDir, { only: ['glossary', 'frameworks', 'courses', 'resources'] }]);
	});
	afterEach(async () => {
		await database.close();
	});

	async function person(name: string): Promise<string> {
		const [row] = await db
			.insert(user)
			.values({ email: `${name.toLowerCase()}@example.org`, displayName: name, locale: 'en', country: 'NO', sector: 'school', emailVerifiedAt: sql`now()` })
			.returning({ id: user.id });
		return row!.id;
	}
	async function organisation(owner: string, members: string[]): Promise<string> {
		const { id } = value(await createOrganisation(db, as(owner), { name: 'Karrieresenteret', sector: 'adult_centre', country: 'NO', languages: ['nb'], description: '' }, { ip: '203.0.113.1' }));
		if (members.length) await db.insert(membership).values(members.map((userId) => ({ organisationId: id, userId, role: 'member' })));
		return id;
	}

	it('offers courses, lessons and resources in the reader’s language, and saves only a real one', async () => {
		const leader = await person('Leader');
		const ada = await person('Ada');
		const org = await organisation(leader, [ada]);
		const nb = value(await organisationQuality(db, as(leader), org, 'nb')).training;
		expect(nb).toContainEqual({ value: 'basics', label: 'Grunnlag', group: 'course' });
		expect(nb.filter((t) => t.group === 'lesson').map((t) => t.value)).toContain('basics/first/welcome');
		expect(nb).toContainEqual({ value: `resource:${RESOURCE}`, label: 'Kvalitet i karriereveiledning: Nasjonalt kvalitetsrammeverk for karriereveiledning', group: 'resource' });
		// In a language the resource has no text in, its English title is marked as English.
		const [anyResource] = await db.select({ id: resource.id }).from(resource).where(eq(resource.slug, RESOURCE));
		await db.execute(sql`delete from resource_translation where resource_id = ${anyResource!.id} and locale = 'pl'`);
		expect(value(await organisationQuality(db, as(leader), org, 'pl')).training).toContainEqual(expect.objectContaining({ value: `resource:${RESOURCE}`, group: 'resource', lang: 'en' }));
		// The groups come in order: courses, lessons, resources.
		const groups = nb.map((t) => t.group);
		expect(groups.indexOf('lesson')).toBeGreaterThan(groups.lastIndexOf('course'));
		expect(groups.indexOf('resource')).toBeGreaterThan(groups.lastIndexOf('lesson'));

		const { id } = value(await addAction(db, as(leader), org, action(`resource:${RESOURCE}`)));
		// Forged or unknown choices: a message on the field, nothing saved.
		await db.update(resource).set({ status: 'draft' }).where(eq(resource.slug, OTHER));
		for (const forged of ['resource:no-such-resource', `resource:${OTHER}`, 'no-such-course', 'basics/first/no-such-lesson', 'basics/no-such-module/welcome'])
			expect(await addAction(db, as(leader), org, action(forged))).toEqual({ ok: false, problem: { kind: 'invalid', field: 'training', key: 'error_choose' } });
		// Only leaders link.
		expect(await addAction(db, as(ada), org, action('basics'))).toMatchObject({ ok: false, problem: { kind: 'not_found' } });
		expect(await db.select({ id: qualityAction.id, resourceId: qualityAction.resourceId, courseSlug: qualityAction.courseSlug }).from(qualityAction)).toEqual([
			{ id, resourceId: anyResource!.id, courseSlug: null }
		]);
		expect(value(await organisationQuality(db, as(leader), org, 'en')).actions).toEqual([
			expect.objectContaining({ id, resourceSlug: RESOURCE, training: `resource:${RESOURCE}`, courseSlug: null, lessonRef: null })
		]);
		// A resource that goes takes the link with it, not the action.
		await db.delete(resource).where(eq(resource.slug, RESOURCE));
		expect(value(await organisationQuality(db, as(leader), org, 'en')).actions).toEqual([expect.objectContaining({ id, resourceSlug: null, training: null })]);
	});

	it('lets a leader change or remove an action’s link later, an owner only its status and notes', async () => {
		const leader = await person('Leader');
		const ada = await person('Ada');
		const org = await organisation(leader, [ada]);
		const input = { ...action('basics'), ownerId: ada };
		const { id } = value(await addAction(db, as(leader), org, input));
		const linkOf = async () => value(await organisationQuality(db, as(leader), org, 'en')).actions.find((a) => a.id === id)!.training;
		value(await updateAction(db, as(leader), org, id, { status: 'in_progress', notes: '', training: `resource:${RESOURCE}` }));
		expect(await linkOf()).toBe(`resource:${RESOURCE}`);
		value(await updateAction(db, as(leader), org, id, { status: 'in_progress', notes: '', training: 'basics/first/welcome' }));
		expect(await linkOf()).toBe('basics/first/welcome');
		// A forged choice changes nothing, not even the status sent with it.
		expect(await updateAction(db, as(leader), org, id, { status: 'done', notes: '', training: 'resource:no-such-resource' })).toEqual({
			ok: false,
			problem: { kind: 'invalid', field: 'training', key: 'error_choose' }
		});
		// The owner updates the status; a link sent by the owner is refused.
		value(await updateAction(db, as(ada), org, id, { status: 'done', notes: 'Everyone took it.' }));
		expect(await updateAction(db, as(ada), org, id, { status: 'done', notes: '', training: null })).toMatchObject({ ok: false, problem: { kind: 'forbidden', field: 'training' } });
		expect(await linkOf()).toBe('basics/first/welcome');
		// Leaving the link out keeps it; an empty choice removes it.
		value(await updateAction(db, as(leader), org, id, { status: 'done', notes: 'Everyone took it.' }));
		expect(await linkOf()).toBe('basics/first/welcome');
		value(await updateAction(db, as(leader), org, id, { status: 'done', notes: 'Everyone took it.', training: null }));
		expect(await linkOf()).toBeNull();
		const [row] = await db.select({ status: qualityAction.status, notes: qualityAction.notes }).from(qualityAction).where(eq(qualityAction.id, id));
		expect(row).toEqual({ status: 'done', notes: 'Everyone took it.' });
	});

	it('shows staff uptake of linked courses and resources as counts, only from three members', async () => {
		const leader = await person('Leader');
		const [ada, bo, cy] = [await person('Ada'), await person('Bo'), await person('Cy')];
		const org = await organisation(leader, [ada, bo, cy]);
		value(await addAction(db, as(leader), org, action(`resource:${RESOURCE}`)));
		value(await addAction(db, as(leader), org, action('basics')));
		value(await addAction(db, as(leader), org, action(`resource:${OTHER}`)));

		// Ada and Bo keep the resource on their shelf, Cy plans a session with it (twice: one person);
		// a stranger's shelf and plan do not count.
		const stranger = await person('Stranger');
		for (const who of [ada, bo, stranger]) value(await setFavourite(db, as(who), RESOURCE, true));
		for (const who of [cy, stranger]) {
			const { id } = value(await createPlan(db, as(who), { title: 'Year 10', groupName: '', notes: '' }));
			value(await addStep(db, as(who), id, RESOURCE));
			value(await addStep(db, as(who), id, RESOURCE));
		}
		await db.execute(sql`insert into enrolment (user_id, course_id, completed_at) select ${ada}::uuid, id, now() from course where slug = 'basics'`);

		const page = value(await organisationQuality(db, as(bo), org, 'en'));
		expect(page.uptake).toEqual({
			members: 4,
			byTraining: { basics: { started: 1, completed: 1 } },
			byResource: { [RESOURCE]: { shelved: 2, planned: 1 }, [OTHER]: { shelved: 0, planned: 0 } }
		});
		expect(JSON.stringify(page.uptake)).not.toMatch(/Ada|Bo|Cy|[0-9a-f]{8}-/);

		// An organisation of two: no counts at all, for resources neither.
		const solo = await person('Solo');
		const small = await organisation(solo, [stranger]);
		value(await addAction(db, as(solo), small, action(`resource:${RESOURCE}`)));
		const smallPage = value(await organisationQuality(db, as(stranger), small, 'en'));
		expect(smallPage.actions).toHaveLength(1);
		expect(smallPage.uptake).toBeNull();
	});

	it('shows on an action the self-benchmark targets of its own organisation that point at it', async () => {
		const leader = await person('Leader');
		const org = await organisation(leader, [await person('Ada')]);
		const other = await organisation(await person('Other'), []);
		const { id } = value(await addAction(db, as(leader), org, action(null)));
		const [version] = await db.select({ id: frameworkVersion.id }).from(frameworkVersion).limit(1);
		const [ours, theirs] = await db
			.insert(practiceBenchmark)
			.values([org, other].map((organisationId) => ({ organisationId, frameworkVersionId: version!.id, themes: ['t'] })))
			.returning({ id: practiceBenchmark.id });
		const [late, soon] = await db
			.insert(practiceTarget)
			.values([
				{ benchmarkId: ours!.id, themeKey: 't', title: 'Publish the service charter', dueOn: '2031-01-01', status: 'in_progress', qualityActionId: id },
				{ benchmarkId: ours!.id, themeKey: 't', title: 'Ask users what they miss', dueOn: '2030-01-01', qualityActionId: id },
				// Another organisation's target naming this action (its service refuses that; a stray row shows nowhere here).
				{ benchmarkId: theirs!.id, themeKey: 't', title: 'Not ours', dueOn: '2030-01-01', qualityActionId: id },
				{ benchmarkId: ours!.id, themeKey: 't', title: 'Unlinked', dueOn: '2030-01-01' }
			])
			.returning({ id: practiceTarget.id });
		expect(value(await organisationQuality(db, as(leader), org, 'en')).actions).toEqual([
			expect.objectContaining({
				id,
				targets: [
					{ id: soon!.id, title: 'Ask users what they miss', status: 'planned' },
					{ id: late!.id, title: 'Publish the service charter', status: 'in_progress' }
				]
			})
		]);
	});
});

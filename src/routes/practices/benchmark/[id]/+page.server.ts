import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/platform/app.ts';
import { parseForm } from '#lib/server/forms/index.ts';
import { actorOf } from '#lib/server/http/context.ts';
import { requireSession } from '#lib/server/http/guards.ts';
import { invalidForm, respond, valueOf } from '#lib/server/http/respond.ts';
import { publishForm, targetForm, themeForm, themesForm, ticksOf, trackForm } from '#lib/server/practices/benchmark-forms.ts';
import { addBenchmarkTarget, benchmarkMember, chooseBenchmarkThemes, getBenchmark, publishBenchmark, saveBenchmarkTheme, trackBenchmarkTarget } from '#lib/server/practices/index.ts';

// An organisation's self-benchmark: its members work on it here; once published, anyone reads it
// here (read-only). Someone else gets the same 404 as for an organisation that does not exist.

export const load: PageServerLoad = async ({ locals, params }) => ({ benchmark: valueOf(await getBenchmark(db(), actorOf(locals), params.id, getLocale())) });

/** A stranger learns nothing, not even whether their input was valid. */
async function refuseStranger(event: RequestEvent) {
	valueOf(await benchmarkMember(db(), actorOf(event.locals), event.params.id));
}

const sent = (form: FormData) => Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;

export const actions: Actions = {
	themes: async (event) => {
		requireSession(event.locals);
		const form = await event.request.formData();
		const parsed = parseForm(themesForm, form);
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, { section: 'themes' });
		}
		const result = await chooseBenchmarkThemes(db(), actorOf(event.locals), event.params.id, parsed.data.themes, getLocale());
		return respond(result, { frame: { section: 'themes' } }, () => ({ section: 'themes', done: 'practices_benchmark_saved' }));
	},
	theme: async (event) => {
		requireSession(event.locals);
		const form = await event.request.formData();
		const parsed = parseForm(themeForm, form);
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, { section: 'theme', values: sent(form) });
		}
		const frame = { section: 'theme', theme: parsed.data.theme, values: sent(form) };
		const result = await saveBenchmarkTheme(db(), actorOf(event.locals), event.params.id, parsed.data.theme, ticksOf(form), getLocale());
		return respond(result, { frame }, () => ({ section: 'theme', theme: parsed.data.theme, done: 'practices_benchmark_saved' }));
	},
	target: async (event) => {
		requireSession(event.locals);
		const form = await event.request.formData();
		const parsed = parseForm(targetForm, form);
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, { section: 'target', values: parsed.values });
		}
		const d = parsed.data;
		const result = await addBenchmarkTarget(
			db(),
			actorOf(event.locals),
			event.params.id,
			{ theme: d.theme, element: d.element ?? null, title: d.title, dueOn: d.dueOn, owner: d.owner ?? null, action: d.action ?? null },
			getLocale()
		);
		return respond(result, { frame: { section: 'target', values: sent(form) } }, () => ({ section: 'target', done: 'practices_benchmark_target_added' }));
	},
	track: async (event) => {
		requireSession(event.locals);
		const form = await event.request.formData();
		const parsed = parseForm(trackForm, form);
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, { section: 'track', target: String(form.get('target') ?? ''), values: parsed.values });
		}
		const result = await trackBenchmarkTarget(db(), actorOf(event.locals), event.params.id, parsed.data.target, { status: parsed.data.status, note: parsed.data.note });
		return respond(result, { frame: { section: 'track', target: parsed.data.target } }, () => ({ section: 'track', target: parsed.data.target, done: 'practices_benchmark_tracked' }));
	},
	publish: async (event) => {
		requireSession(event.locals);
		const parsed = parseForm(publishForm, await event.request.formData());
		if (!parsed.ok) {
			await refuseStranger(event);
			return invalidForm(parsed.errors, { section: 'publish' });
		}
		const result = await publishBenchmark(db(), actorOf(event.locals), event.params.id, parsed.data.published, getLocale());
		return respond(result, { frame: { section: 'publish' } }, () => ({ section: 'publish', done: parsed.data.published ? 'practices_benchmark_published' : 'practices_benchmark_unpublished' }));
	}
};

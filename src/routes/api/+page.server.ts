import type { PageServerLoad } from './$types';
import { OPENAPI } from '#lib/server/practices/index.ts';

export const load: PageServerLoad = () => {
	const operations = Object.entries(OPENAPI.paths).flatMap(([path, item]) =>
		Object.entries(item).map(([method, op]) => {
			const o = op as { operationId: string; summary: string; parameters?: { name: string; in: string; description?: string; schema: unknown }[]; responses: Record<string, { description: string }> };
			return {
				path,
				method: method.toUpperCase(),
				id: o.operationId,
				summary: o.summary,
				parameters: (o.parameters ?? []).map((p) => ({ name: p.name, in: p.in, description: p.description ?? '', schema: JSON.stringify(p.schema) })),
				responses: Object.entries(o.responses).map(([status, r]) => ({ status, description: r.description }))
			};
		})
	);
	return { title: OPENAPI.info.title, version: OPENAPI.info.version, description: OPENAPI.info.description, operations, schemas: JSON.stringify(OPENAPI.components.schemas, null, 2) };
};

// The dependency rules of src/lib/server (see src/lib/server/README.md), checked on the import graph
// that TypeScript's own parser reads from the sources:
// - no import cycle;
// - only the composers (`capabilities.ts`, `platform/`) import a capability: the low-level folders
//   and `policies/` stay capability-agnostic, so a capability plugs in without editing them.
// Type-only imports count too: `import type` from a capability into a low-level module still ties
// that module to the capability's shape (and in a cycle, to its place in the order of loading).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve('.');
const SERVER = path.join(ROOT, 'src/lib/server');

/** Capability-agnostic building blocks. Read before adding a folder here: it must import no capability. */
const LOW_LEVEL = [
	'audit',
	'cache',
	'capability.ts',
	'config',
	'content',
	'db',
	'events',
	'files',
	'forms',
	'http',
	'i18n',
	'log',
	'mail',
	'ratelimit',
	'realtime',
	'result',
	'search',
	'signing',
	// Rules over the shapes of resources (owner ids, roles), written without importing the
	// capabilities that hold them: capabilities call `can()`, so the reverse would be a cycle.
	'policies'
];
/** The only modules that may import capabilities: they loop over the list. */
const COMPOSERS = ['capabilities.ts', 'platform'];
/** Not code. */
const OTHER = ['README.md'];

/**
 * Known breaches being removed (issue 9), so that the suite stays green meanwhile: the test fails on
 * any other breach, and on an entry here that no longer occurs — delete it then. Do not add to it.
 */
const KNOWN_CYCLES: string[] = [];
const KNOWN_LOW_TO_CAPABILITY: string[] = [];

type Edge = { from: string; to: string; typeOnly: boolean };

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
/** The top-level entry of src/lib/server a file belongs to: `learn`, `db`, `capabilities.ts`… */
const area = (file: string) => path.relative(SERVER, file).split(path.sep)[0]!;

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.(ts|js)$/.test(entry.name) && !/\.(test|spec)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

function resolve(from: string, specifier: string): string | undefined {
	let base: string;
	if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
	else if (specifier.startsWith('#lib/')) base = path.join(ROOT, 'src/lib', specifier.slice('#lib/'.length));
	else return undefined; // a package
	for (const candidate of [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, path.join(base, 'index.ts')]) {
		if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
	}
	return undefined;
}

/** Every static import, re-export and dynamic `import()` of a file, with whether it is type-only. */
function importsOf(file: string): { specifier: string; typeOnly: boolean }[] {
	const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
	const found: { specifier: string; typeOnly: boolean }[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
			const clause = node.importClause;
			const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
			const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
			found.push({ specifier: node.moduleSpecifier.text, typeOnly });
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
		} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
			found.push({ specifier: node.arguments[0].text, typeOnly: false });
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
			found.push({ specifier: node.argument.literal.text, typeOnly: true });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

/** The import graph of src/lib/server: edges between its own modules only. */
function serverGraph(): Edge[] {
	const edges: Edge[] = [];
	for (const file of sourceFiles(SERVER)) {
		for (const { specifier, typeOnly } of importsOf(file)) {
			const target = resolve(file, specifier);
			if (target?.startsWith(SERVER + path.sep)) edges.push({ from: file, to: target, typeOnly });
		}
	}
	return edges;
}

/** One concrete cycle through each strongly connected component with more than one module. */
function cycles(edges: Edge[]): string[][] {
	const next = new Map<string, string[]>();
	for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
	// Tarjan's algorithm.
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const components: string[][] = [];
	const connect = (v: string) => {
		index.set(v, counter);
		low.set(v, counter++);
		stack.push(v);
		onStack.add(v);
		for (const w of next.get(v) ?? []) {
			if (!index.has(w)) {
				connect(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1 || (next.get(v) ?? []).includes(v)) components.push(component);
		}
	};
	for (const v of new Set(edges.flatMap((e) => [e.from, e.to]))) if (!index.has(v)) connect(v);
	// Within a component every module reaches every other: walk back to the start by BFS.
	return components.map((component) => {
		const members = new Set(component);
		const start = component.sort()[0]!;
		const previous = new Map<string, string>();
		const queue = (next.get(start) ?? []).filter((w) => members.has(w));
		for (const w of queue) previous.set(w, start);
		while (queue.length && !previous.has(start)) {
			const v = queue.shift()!;
			for (const w of next.get(v) ?? []) {
				if (members.has(w) && !previous.has(w)) {
					previous.set(w, v);
					queue.push(w);
				}
			}
		}
		const back: string[] = [];
		for (let v = previous.get(start)!; v !== start; v = previous.get(v)!) back.push(v);
		return [start, ...back.reverse(), start];
	});
}

describe('dependency rules of src/lib/server', () => {
	const edges = serverGraph();
	// The capabilities are the folders that capabilities.ts, the one list, imports.
	const capabilityFolders = [
		...new Set(
			edges
				.filter((e) => rel(e.from) === 'src/lib/server/capabilities.ts' && fs.statSync(path.join(SERVER, area(e.to))).isDirectory())
				.map((e) => area(e.to))
		)
	].sort();

	it('reads the graph and the capability list', () => {
		expect(edges.length).toBeGreaterThan(100);
		expect(capabilityFolders).toEqual(expect.arrayContaining(['accounts', 'frameworks', 'glossary', 'learn', 'organisations']));
	});

	it('knows what every top-level module of src/lib/server is', () => {
		const known = new Set([...LOW_LEVEL, ...COMPOSERS, ...OTHER, ...capabilityFolders]);
		const unknown = fs.readdirSync(SERVER).filter((name) => !known.has(name));
		expect(
			unknown,
			`Unclassified in src/lib/server: ${unknown.join(', ')}. A capability is listed in capabilities.ts; ` +
				'anything else belongs to LOW_LEVEL or COMPOSERS in tests/unit/architecture.test.ts (see src/lib/server/README.md).'
		).toEqual([]);
	});

	it('has no import cycle', () => {
		const found = cycles(edges).map((cycle) => cycle.map(rel));
		const unknown = found.filter((cycle) => !KNOWN_CYCLES.includes(cycle[0]!)).map((cycle) => cycle.join('\n      → '));
		expect(unknown, `Import cycles in src/lib/server (break each, e.g. by moving what both need to a lower module):\n    ${unknown.join('\n    ')}\n`).toEqual([]);
		const gone = KNOWN_CYCLES.filter((start) => !found.some((cycle) => cycle[0] === start));
		expect(gone, 'These cycles are gone: remove them from KNOWN_CYCLES in tests/unit/architecture.test.ts').toEqual([]);
	});

	it('lets only capabilities.ts and platform/ import a capability; low-level modules import no composer either', () => {
		const capabilities = new Set(capabilityFolders);
		const composers = new Set(COMPOSERS);
		const offending = edges
			.filter((e) => LOW_LEVEL.includes(area(e.from)) && (capabilities.has(area(e.to)) || composers.has(area(e.to))))
			.map((e) => `${rel(e.from)} → ${rel(e.to)}${e.typeOnly ? ' (type only)' : ''}`)
			.sort();
		const unknown = offending.filter((edge) => !KNOWN_LOW_TO_CAPABILITY.includes(edge));
		expect(
			unknown,
			`Low-level modules (${LOW_LEVEL.join(', ')}) must not import a capability (${capabilityFolders.join(', ')}) ` +
				`or a composer (${COMPOSERS.join(', ')}). Move the code that needs the capability into the capability or ` +
				`platform/, or let the capability contribute it through its manifest (capability.ts):\n    ${unknown.join('\n    ')}\n`
		).toEqual([]);
		const gone = KNOWN_LOW_TO_CAPABILITY.filter((edge) => !offending.includes(edge));
		expect(gone, 'These imports are gone: remove them from KNOWN_LOW_TO_CAPABILITY in tests/unit/architecture.test.ts').toEqual([]);
	});
});

import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The outside-in specs' list of what to test, read from src/routes/** at test time: every page
// (a +page.svelte), every form action (the keys of a +page.server.ts `actions` object) and every
// HTTP method a +server.ts exports. A new route is in the list the moment its file exists.

export type Kind = 'page' | 'action' | 'endpoint';

export type Route = {
	kind: Kind;
	/** SvelteKit's route id: `/organisations/[id]`. */
	id: string;
	/** `GET` for pages; `POST` for actions; the exported method for endpoints. */
	method: string;
	/** The action's name (`default` for a default action). */
	action?: string;
	/** The route's parameter names, in order. */
	params: string[];
	/** The file it was read from, relative to the project. */
	file: string;
};

const ROUTES = path.resolve('src/routes');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The key naming an entry in the allow-lists: `GET /x`, `POST /x?/name` or `POST /x` (a default action). */
export function keyOf(route: Pick<Route, 'kind' | 'id' | 'method' | 'action'>): string {
	if (route.kind === 'action') return route.action === 'default' ? `POST ${route.id}` : `POST ${route.id}?/${route.action}`;
	return `${route.method} ${route.id}`;
}

function routeId(dir: string): string {
	const parts = path
		.relative(ROUTES, dir)
		.split(path.sep)
		.filter((part) => part && !/^\(.*\)$/.test(part));
	return '/' + parts.join('/');
}

function paramsOf(id: string): string[] {
	return [...id.matchAll(/\[{1,2}(?:\.\.\.)?([^\]=]+)(?:=[^\]]+)?\]{1,2}/g)].map((match) => match[1]!);
}

function source(file: string): ts.SourceFile {
	return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const isExported = (node: ts.Node) =>
	ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);

/** Strips `satisfies X`, `as X`, parentheses and the like around an expression. */
function unwrap(expression: ts.Expression): ts.Expression {
	let e = expression;
	while (ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
	return e;
}

/** The names a module exports (declarations and `export { a as B }`), with their initialisers. */
function exportsOf(file: ts.SourceFile): Map<string, ts.Expression | undefined> {
	const found = new Map<string, ts.Expression | undefined>();
	const locals = new Map<string, ts.Expression | undefined>();
	for (const statement of file.statements) {
		if (ts.isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				if (!ts.isIdentifier(declaration.name)) continue;
				locals.set(declaration.name.text, declaration.initializer);
				if (isExported(statement)) found.set(declaration.name.text, declaration.initializer);
			}
		} else if (ts.isFunctionDeclaration(statement) && statement.name) {
			locals.set(statement.name.text, undefined);
			if (isExported(statement)) found.set(statement.name.text, undefined);
		}
	}
	for (const statement of file.statements) {
		if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
		for (const element of statement.exportClause.elements) {
			found.set(element.name.text, locals.get((element.propertyName ?? element.name).text));
		}
	}
	return found;
}

/** The keys of a +page.server.ts `actions` object. */
function actionNames(file: string): string[] {
	const initializer = exportsOf(source(file)).get('actions');
	if (!initializer) return [];
	const object = unwrap(initializer);
	if (!ts.isObjectLiteralExpression(object)) throw new Error(`${file}: cannot read the keys of \`actions\` (not an object literal)`);
	return object.properties.map((property) => {
		if (ts.isSpreadAssignment(property) || !property.name) throw new Error(`${file}: \`actions\` has a spread or computed key; list its keys literally`);
		if (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) return property.name.text;
		throw new Error(`${file}: \`actions\` has a computed key; list its keys literally`);
	});
}

/** Every page, action and endpoint under src/routes, sorted by key. */
export function discoverRoutes(): Route[] {
	const found: Route[] = [];
	const walk = (dir: string) => {
		const entries = fs.readdirSync(dir, { withFileTypes: true });
		const has = (name: string) => entries.some((entry) => entry.isFile() && entry.name === name);
		const id = routeId(dir);
		const params = paramsOf(id);
		const rel = (name: string) => path.relative(process.cwd(), path.join(dir, name));
		// A page: a component, or a `load` alone (one that only redirects).
		const pageFile = ['+page.svelte', '+page.server.ts', '+page.ts'].find((name) => has(name) && (name === '+page.svelte' || exportsOf(source(path.join(dir, name))).has('load')));
		if (pageFile) found.push({ kind: 'page', id, method: 'GET', params, file: rel(pageFile) });
		if (has('+page.server.ts')) {
			for (const action of actionNames(path.join(dir, '+page.server.ts'))) found.push({ kind: 'action', id, method: 'POST', action, params, file: rel('+page.server.ts') });
		}
		if (has('+server.ts')) {
			for (const name of exportsOf(source(path.join(dir, '+server.ts'))).keys()) {
				if (METHODS.includes(name) || name === 'fallback') found.push({ kind: 'endpoint', id, method: name === 'fallback' ? 'POST' : name, params, file: rel('+server.ts') });
			}
		}
		for (const entry of entries) if (entry.isDirectory()) walk(path.join(dir, entry.name));
	};
	walk(ROUTES);
	return found.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

/**
 * The address of a route for a request: `/en` + the route id with each parameter replaced by
 * `values[param]`, + `?/action` for a named action, + `query`. Throws when a parameter has no value,
 * so that a new route with a new parameter fails until the spec's fixtures give it one.
 */
export function addressOf(route: Route, values: Record<string, string>, query = ''): string {
	const pathPart = route.id.replace(/\[{1,2}(?:\.\.\.)?([^\]=]+)(?:=[^\]]+)?\]{1,2}/g, (_, name: string) => {
		const value = values[name];
		if (value === undefined) throw new Error(`no fixture value for [${name}] of ${route.id}: add one to the spec's fixtures`);
		return encodeURIComponent(value);
	});
	const base = `/en${pathPart === '/' ? '' : pathPart}`;
	const search = [route.kind === 'action' && route.action !== 'default' ? `/${route.action}` : '', query].filter(Boolean).join('&');
	return search ? `${base}?${search}` : base;
}

/** Fails with the keys of `listed` that name nothing under src/routes (an allow-list must not go stale). */
export function unknownKeys(routes: Route[], listed: Iterable<string>): string[] {
	const known = new Set(routes.map(keyOf));
	return [...listed].filter((key) => !known.has(key));
}

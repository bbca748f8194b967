// @ts-nocheck -- a throwaway helper for content authors; removed once the importer validates frameworks
// Quick shape check of content/frameworks/*.yaml for content authors (the importer validates fully).
// Usage: node_modules/.bin/node scripts/check-framework-files.mjs [file…]
import fs from 'node:fs';
import { parse } from 'yaml';
const LOCALES = ['en', 'nb', 'cs', 'sk', 'pl'];
const KINDS = ['area', 'group', 'item', 'level', 'outcome', 'step', 'theme', 'field', 'option', 'element'];
const files = process.argv.slice(2).length ? process.argv.slice(2) : fs.readdirSync('content/frameworks').filter((f) => f.endsWith('.yaml')).map((f) => `content/frameworks/${f}`);
let problems = 0;
for (const file of files) {
	const d = parse(fs.readFileSync(file, 'utf8'));
	const say = (m) => { problems++; console.log(`${file}: ${m}`); };
	for (const l of LOCALES) if (!d.translations?.[l]?.title || !d.translations?.[l]?.description) say(`translations.${l} title/description missing`);
	if (!d.source?.citation) say('source.citation missing');
	if (!d.version) say('version missing');
	const keys = new Set();
	let count = 0;
	const walk = (nodes, path) => nodes?.forEach((n, i) => {
		count++;
		const where = `${path}.${i}(${n.key})`;
		if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(n.key ?? '')) say(`${where}: bad key`);
		if (keys.has(n.key)) say(`${where}: duplicate key`);
		keys.add(n.key);
		if (!KINDS.includes(n.kind)) say(`${where}: kind must be one of ${KINDS.join('|')}`);
		for (const l of LOCALES) if (!n.translations?.[l]?.title) say(`${where}: translations.${l}.title missing`);
		walk(n.children, `${where}.children`);
	});
	walk(d.nodes, 'nodes');
	console.log(`${file}: ${count} nodes`);
}
process.exit(problems ? 1 : 0);

// Issue 16, defect 11: the CSP blocked the one inline style SvelteKit renders (the route announcer
// that appears after a client-side navigation, e.g. after signing up): a console error, and the
// announcer shown unstyled. The CSP allows exactly that attribute by its hash.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('content security policy', () => {
	it("allows the route announcer's style attribute of the installed SvelteKit by its hash, and no other inline style", () => {
		const root = fs.readFileSync('node_modules/@sveltejs/kit/src/runtime/components/root.svelte', 'utf8');
		const styles = [...root.matchAll(/style="([^"]+)"/g)].map((m) => m[1]!);
		expect(styles).toHaveLength(1);
		const hash = createHash('sha256').update(styles[0]!).digest('base64');
		const config = fs.readFileSync('vite.config.ts', 'utf8');
		const styleSrc = config.match(/'style-src': \[([^\]]*)\]/)![1]!;
		expect(styleSrc).toContain(`'sha256-${hash}'`);
		expect(styleSrc).toContain("'unsafe-hashes'");
		expect(styleSrc).not.toContain('unsafe-inline');
	});
});

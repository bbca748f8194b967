import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter(),
			// Every page is server-rendered; scripts and styles come only from our own origin,
			// inline scripts carry a per-request nonce.
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					// SvelteKit's route announcer (root.svelte) has one style attribute; allow exactly it
					// (tests/unit/security-csp.test.ts recomputes the hash from the installed Kit).
					'style-src': ['self', 'unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'media-src': ['self'],
					'object-src': ['none'],
					'base-uri': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none']
				}
			}
		}),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The locale comes from the URL prefix; hooks.server.ts puts it in Paraglide's
			// request store; in the browser, src/hooks.client.ts reads it from the path (see
			// src/lib/i18n/paths.ts for why we do our own routing).
			strategy: ['custom-path', 'baseLocale'],
			emitTsDeclarations: false
		})
	],
	server: { port: 3000 },
	test: {
		include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node',
		// Migrates once per run; each test's database is a copy (see tests/helpers/db.ts).
		globalSetup: ['tests/helpers/global-setup.ts'],
		setupFiles: ['tests/helpers/setup-file.ts'],
		// A worker imports the app's modules once for all its files, not once per file (the setup
		// file puts back what a file may change: environment, configuration, caches).
		isolate: false,
		// One test file per core (Vitest's default leaves one core free, so on two cores it ran the
		// files one at a time); the database tests are CPU-bound in PGlite's WASM engine.
		maxWorkers: availableParallelism(),
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});

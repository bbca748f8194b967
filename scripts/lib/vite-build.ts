// `vite build` through Vite's builder API (what its CLI runs), ending the process as soon as the
// build is written. Paraglide's compile, through @lix-js/sdk's WASM, leaves seventeen 30-second
// timers it never clears; the CLI waited for them after `✔ done` (22 s of a 35-second build).
import { createBuilder } from 'vite';

try {
	const builder = await createBuilder({}, null);
	await builder.buildApp();
	process.exit(0);
} catch (error) {
	console.error('error during build:', error);
	process.exit(1);
}

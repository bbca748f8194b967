// `npm run bench`: the built server under load beside a bare node:http server that returns the
// same bytes (the ceiling), plus the home page's JavaScript and CSS weight. Figures only.
import { compareWithCeiling, header, printPageWeight, startServer } from './lib.ts';

const server = await startServer(3140);
header();
for (const page of ['/en', '/en/glossary']) await compareWithCeiling(server.base, page);
await printPageWeight(server.base, '/en', 'Home page');
await server.stop();

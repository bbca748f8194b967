// `npm run bench:lesson`: a signed-in learner's lesson page under load (the heaviest page a
// learner opens: the course outline, the lesson, their progress and answers), beside the bare
// node:http ceiling, and the lesson page's JavaScript and CSS weight. Figures only.
import { compareWithCeiling, header, printPageWeight, startWithLearner } from './lib.ts';

const { server, cookie, lesson } = await startWithLearner(3142);
try {
	header();
	await compareWithCeiling(server.base, lesson, { cookie });
	await printPageWeight(server.base, lesson, 'Lesson page', { cookie });
} finally {
	await server.stop();
}

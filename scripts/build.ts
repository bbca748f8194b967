// `npm run build`: a fresh production build in build/, stamped so `npm start` reuses it.
import { ensureBuild } from './lib/build-stamp.ts';

process.exit((await ensureBuild(process.cwd(), true)) ? 0 : 1);

// Our quality: a service assesses itself with its whole team against an assessment framework
// (framework content), sees where it agrees and differs, and plans its development. Services live
// in service.ts, the figures in results.ts; this file is the capability's manifest.
import type { Capability } from '../capability.ts';
import { QUALITY_MAILS } from './mail.ts';
import { QUALITY_DATA } from './personal-data.ts';

export const quality: Capability = {
	name: 'quality',
	personalData: QUALITY_DATA,
	mail: QUALITY_MAILS,
	audit: ['quality_benchmark_changed']
};

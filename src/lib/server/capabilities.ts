// The one list of capabilities. platform/ loops over it for content import (in this order: later
// content links to earlier), search, the personal-data export and erase, mail, the audit
// vocabulary and event handlers. Adding a capability: its folder, its schema, its migration and
// one line here (see src/lib/server/README.md).
import type { Capability } from './capability.ts';
import { accounts } from './accounts/index.ts';
import { competence } from './competence/index.ts';
import { cpd } from './cpd/index.ts';
import { cards } from './cards/index.ts';
import { frameworks } from './frameworks/index.ts';
import { glossary } from './glossary/index.ts';
import { learn } from './learn/index.ts';
import { organisations } from './organisations/index.ts';
import { quality } from './quality/index.ts';
import { community } from './community/index.ts';

import { practices } from './practices/index.ts';
import { resources } from './resources/index.ts';
export const CAPABILITIES: readonly Capability[] = [accounts, organisations, glossary, frameworks, learn, cards, competence, cpd, quality, community, practices, resources];

import { isEditor } from './accounts.ts';
import { allow } from './allow.ts';

// Co-careering contributions to the glossary: anyone signed in proposes a term and sees their own
// proposals; editors (with their second factor) read the queue and accept or reject proposals.

export const glossaryRules = {
	...allow(['glossary:propose'], () => true),
	...allow(['glossary:curate'], isEditor)
};

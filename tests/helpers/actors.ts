import type { Actor } from '../../src/lib/server/policies/index.ts';

/** A signed-in member with a confirmed address and no second factor, as the policies see them. */
export const member = (id: string): Actor => ({ id, role: 'member', emailVerified: true, totpEnabled: false, secondFactorVerified: false });

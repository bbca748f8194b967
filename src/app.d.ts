import type { CurrentSession, SessionUser } from '#lib/server/accounts/sessions.ts';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			requestId: string;
			/** The signed-in session, once its second factor (if any) is done. */
			session: CurrentSession | null;
			user: SessionUser | null;
			/** A session that still owes its second factor. */
			pendingSecondFactor: CurrentSession | null;
		}
	}
}

export {};

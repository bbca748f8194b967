declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			requestId: string;
		}
	}
}

export {};

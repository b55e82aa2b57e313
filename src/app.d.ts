// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Role } from '$lib/server/context';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			user?: { id: string; email: string };
			workspace?: { id: string; name: string; role: Role };
		}
	}
}

export {};

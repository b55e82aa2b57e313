// What an import answers (POST /api/v1/imports and the import page): shared by the server and the page.

export interface Refusal {
	/** Counted from 1 for the first data row. */
	line: number;
	path: string;
	message: string;
}

export interface ImportReport {
	lines: number;
	accepted: number;
	duplicates: number;
	updated: number;
	/** The first MAX_LISTED_REFUSALS problems. */
	refused: Refusal[];
	refusedCount: number;
	dryRun: boolean;
}

export const MAX_LISTED_REFUSALS = 1000;

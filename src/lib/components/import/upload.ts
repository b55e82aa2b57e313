// The import page's upload: the file sent as it is (no form encoding), with upload progress, to the
// dashboard's import endpoint. Browser-only.
import type { ImportReport } from '$lib/import-report';

export type ImportKind = 'csv' | 'ndjson';

export type UploadResult =
	| { ok: true; report: ImportReport }
	| { ok: false; error: string; issues: { path: string; message: string }[] };

/** CSV or NDJSON by the file's name (or its type); null when neither. */
export function kindOf(file: File): ImportKind | null {
	const name = file.name.toLowerCase();
	if (name.endsWith('.csv') || file.type === 'text/csv') return 'csv';
	if (/\.(ndjson|jsonl)$/.test(name) || /ndjson|jsonl/.test(file.type)) return 'ndjson';
	return null;
}

const CONTENT_TYPES: Record<ImportKind, string> = { csv: 'text/csv', ndjson: 'application/x-ndjson' };

export function uploadImport(
	url: string,
	file: File,
	kind: ImportKind,
	onProgress: (sent: number, total: number) => void
): Promise<UploadResult> {
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', CONTENT_TYPES[kind]);
		xhr.responseType = 'json';
		xhr.upload.onprogress = (event) =>
			onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
		xhr.onload = () => {
			const body = xhr.response as Record<string, unknown> | null;
			if (xhr.status === 200 && body) return resolve({ ok: true, report: body as unknown as ImportReport });
			const retry = xhr.getResponseHeader('retry-after');
			resolve({
				ok: false,
				error:
					typeof body?.error === 'string'
						? `${body.error}${retry ? ` (try again in ${retry} s)` : ''}`
						: `The server answered ${xhr.status}.`,
				issues: Array.isArray(body?.issues) ? (body.issues as { path: string; message: string }[]) : []
			});
		};
		xhr.onerror = () =>
			resolve({
				ok: false,
				error: 'The connection broke off. Lines stored before it stay stored: send the file again.',
				issues: []
			});
		xhr.send(file);
	});
}

// `npm start` builds only when the app's sources changed: by content, so a checkout that touches files
// without changing them does not rebuild, and an edit, a new file or a removed one does.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { buildNeeded, sourceFingerprint } from '../../scripts/build.js';

let root: string;
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'keeprate-stamp-'));
	mkdirSync(join(root, 'src', 'lib'), { recursive: true });
	writeFileSync(join(root, 'src', 'app.html'), '<html></html>');
	writeFileSync(join(root, 'src', 'lib', 'a.ts'), 'export const a = 1;');
	writeFileSync(join(root, 'package-lock.json'), '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('the fingerprint follows content, new files and removed files, not modification times', () => {
	const first = sourceFingerprint(root);
	const later = new Date(Date.now() + 60_000);
	utimesSync(join(root, 'src', 'lib', 'a.ts'), later, later);
	expect(sourceFingerprint(root)).toBe(first);

	writeFileSync(join(root, 'src', 'lib', 'a.ts'), 'export const a = 2;');
	const edited = sourceFingerprint(root);
	expect(edited).not.toBe(first);

	writeFileSync(join(root, 'src', 'lib', 'b.ts'), '');
	const added = sourceFingerprint(root);
	expect(added).not.toBe(edited);

	rmSync(join(root, 'src', 'lib', 'b.ts'));
	expect(sourceFingerprint(root)).toBe(edited);

	writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion": 3}');
	expect(sourceFingerprint(root)).not.toBe(edited);
});

test('a build is needed when there is none, when its stamp is missing or stale, and not otherwise', () => {
	expect(buildNeeded(root)).toBe('there is no build yet');
	mkdirSync(join(root, 'build'));
	writeFileSync(join(root, 'build', 'index.js'), '');
	expect(buildNeeded(root)).toBe('its sources changed since the last build');
	writeFileSync(join(root, 'build', '.sources'), sourceFingerprint(root));
	expect(buildNeeded(root)).toBeNull();
	writeFileSync(join(root, 'src', 'app.html'), '<html lang="en"></html>');
	expect(buildNeeded(root)).toBe('its sources changed since the last build');
});

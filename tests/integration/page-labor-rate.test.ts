// The labour rate of a dashboard page: the URL's what-if (laborUsdPerHour=, read as the API reads it), else
// the workspace's; a value that is not a rate falls back to the workspace's with a message naming it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db/connection';
import { pageLaborRate } from '../../src/lib/server/page-labor-rate';
import { updateWorkspaceSettings } from '../../src/lib/server/workspaces';
import { freshWorkspace, testDatabase } from '../setup/db';

let database: Database;
let priced: string;
let unpriced: string;

beforeAll(async () => {
	database = await testDatabase();
	priced = await freshWorkspace(database);
	unpriced = await freshWorkspace(database);
	await updateWorkspaceSettings(database.db, priced, { laborMicrosPerHour: 45_000_000 });
});
afterAll(async () => {
	await database.close();
});

const page = (query: string) => new URL(`http://kr.example/?from=2026-11-01&${query}`);

describe('a page’s labour rate', () => {
	test('without one in the URL, the workspace’s', async () => {
		expect(await pageLaborRate(database.db, priced, page(''))).toEqual({
			rate: 45_000_000,
			labour: { usdPerHour: 45, workspaceUsdPerHour: 45, param: null },
			errors: null
		});
		expect(await pageLaborRate(database.db, unpriced, page('laborUsdPerHour='))).toEqual({
			rate: null,
			labour: { usdPerHour: null, workspaceUsdPerHour: null, param: null },
			errors: null
		});
	});

	test('the URL’s wins, carried as a plain number', async () => {
		expect(await pageLaborRate(database.db, priced, page('laborUsdPerHour=%2090.50'))).toEqual({
			rate: 90_500_000,
			labour: { usdPerHour: 90.5, workspaceUsdPerHour: 45, param: '90.5' },
			errors: null
		});
		// Zero is a rate: review that costs nothing.
		const free = await pageLaborRate(database.db, unpriced, page('laborUsdPerHour=0'));
		expect(free.rate).toBe(0);
		expect(free.labour).toEqual({ usdPerHour: 0, workspaceUsdPerHour: null, param: '0' });
	});

	test.each(['lots', '-4', '10000.5', '1e3', '45.1234567'])(
		'"%s" is not a rate: the workspace’s, with a message naming the parameter',
		async (value) => {
			const result = await pageLaborRate(
				database.db,
				priced,
				page(`laborUsdPerHour=${encodeURIComponent(value)}`)
			);
			expect(result.rate).toBe(45_000_000);
			expect(result.labour.param).toBeNull();
			expect(result.errors).toEqual([
				`laborUsdPerHour: "${value}" must be a number of USD per hour from 0 to 10000, e.g. 45 or 37.50`
			]);
		}
	);
});

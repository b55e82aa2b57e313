// The database's fixed sets (db/enums.ts, checked by drizzle/0012_enum_checks.sql) are the sets the API's
// schemas and the pages accept: a value the API takes is never refused by the database, and the reverse.
import { describe, expect, test } from 'vitest';
import { statusSchema, verdictSchema } from '../../src/lib/schemas/attempt';
import { periodSchema } from '../../src/lib/schemas/budget';
import { ROLES as ROLE_LIST } from '../../src/lib/components/settings/members/roles';
import { GRAINS } from '../../src/lib/server/rollups/plan';
import * as enums from '../../src/lib/server/db/enums';

const sorted = (values: readonly string[]) => [...values].sort();

describe('fixed sets of values', () => {
	test.each([
		['verdict', enums.VERDICTS, verdictSchema.options],
		['status', enums.STATUSES, statusSchema.options],
		['budget period', enums.BUDGET_PERIODS, periodSchema.options],
		['role', enums.ROLES, ROLE_LIST.map((r) => r.role)],
		['rollup grain', enums.GRAIN_NAMES, GRAINS.map((g) => g.name)]
	])('the database and the code accept the same %s values', (_name, database, code) => {
		expect(sorted(database)).toEqual(sorted(code));
	});
});

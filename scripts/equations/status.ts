/**
 * "Passing or not" for the equation map: runs, with node:test's `run`, only
 * the tests whose names carry an equation ID, in the built spec files
 * (dist/spec/…/*.test.js) of the map's rows, and counts each ID's passes
 * and failures. A test that names two IDs counts for both.
 */
import { join } from 'node:path';
import { run } from 'node:test';
import { idsIn } from './map.js';
import type { MapRow } from './map.js';

/** How many of the tests that name an ID passed and failed. */
export interface Status { passed: number; failed: number }

/** The statuses by ID; an ID whose tests did not run (no spec, or dist/ not built) is absent. */
export async function runSpecs(root: string, rows: readonly Pick<MapRow, 'specs'>[]): Promise<Map<string, Status>> {
  const files = [...new Set(rows.flatMap((row) => row.specs))]
    .map((path) => join(root, 'dist', path.replace(/\.ts$/, '.js')));
  const statuses = new Map<string, Status>();
  if (files.length === 0) return statuses;
  for await (const event of run({ files, testNamePatterns: [/EQ-[A-Z]+-\d+/] })) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data as { name: string; skip?: unknown; todo?: unknown };
    if (data.skip !== undefined && data.skip !== false) continue;
    for (const id of new Set(idsIn(data.name))) {
      const status = statuses.get(id) ?? { passed: 0, failed: 0 };
      if (event.type === 'test:pass') status.passed++;
      else status.failed++;
      statuses.set(id, status);
    }
  }
  return statuses;
}

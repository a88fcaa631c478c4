import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGES, apiReport, reportPath } from '../scripts/api-report.mjs';
import { repoRoot, runNode, tscBin } from './workspace.mjs';

describe('public API reports', () => {
  for (const [name, dir] of Object.entries(PACKAGES)) {
    it(`${name} matches tools/api-reports (run "node tools/scripts/api-report.mjs ${name} --update" for an intended change)`, async () => {
      const build = runNode([tscBin, '-b', join(repoRoot, dir, 'tsconfig.lib.json')], repoRoot);
      expect(build.code, build.out).toBe(0);
      const file = reportPath(name);
      expect(existsSync(file), `${file} is missing; create it with --update`).toBe(true);
      // Compared as text so the failure shows the exact lines that changed.
      expect(await apiReport(name)).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('the report lists the runtime exports plugins rely on', async () => {
    const text = await apiReport('@autopipe/core');
    for (const k of ['definePlugin', 'fitEstimator', 'AutopipeError', 'CORE_VERSION', 'Frame', 'Rng', 'encodeState', 'decodeState']) expect(text).toContain(`- \`${k}\``);
  });
});

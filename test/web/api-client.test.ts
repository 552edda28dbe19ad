// The web app's typed client is generated from openapi.json; this fails when it is stale.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = 'web/node_modules/openapi-typescript/bin/cli.js';

describe('web/src/api/schema.d.ts', () => {
  it('is what openapi-typescript generates from openapi.json (run `npm run generate:api`)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-api-'));
    try {
      const out = join(dir, 'schema.d.ts');
      const run = spawnSync(process.execPath, [CLI, 'openapi.json', '-o', out], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync('web/src/api/schema.d.ts', 'utf8')).toBe(readFileSync(out, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

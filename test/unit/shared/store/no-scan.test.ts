// Static checks on the source tree: no Scan on any request path (DESIGN 6), and the access-pattern
// table in shared/store/README.md names every key the code builds.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GSI1_PARTITION, SK } from '#shared/store/keys.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SCAN_PATTERNS = [/ScanCommand/, /\.scan\(/];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `path:line: text` for every line matching a Scan pattern. */
function scanUses(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, index) =>
      SCAN_PATTERNS.some((pattern) => pattern.test(line))
        ? [`${relative(ROOT, path)}:${index + 1}: ${line.trim()}`]
        : [],
    );
}

/** Partition names and sort-key prefixes written as literals in keys.ts: 'PROPOSALS', `EVENT#…`. */
function keyTokensIn(source: string): Set<string> {
  const quoted = [...source.matchAll(/'([A-Z][A-Z_]*#?)'/g)].map((m) => m[1]);
  const templated = [...source.matchAll(/`([A-Z][A-Z_]*#)/g)].map((m) => m[1]);
  return new Set(
    [...quoted, ...templated, ...Object.values(GSI1_PARTITION), ...Object.values(SK)].filter(
      (token): token is string => token !== undefined,
    ),
  );
}

describe('store source rules', () => {
  it('uses no Scan anywhere under shared/ or functions/', () => {
    const uses = ['shared', 'functions'].flatMap((dir) => filesUnder(join(ROOT, dir))).flatMap(scanUses);
    expect(uses).toEqual([]);
  });

  it('documents every gsi1 partition and sort-key prefix of keys.ts in the access-pattern table', () => {
    const readme = readFileSync(join(ROOT, 'shared/store/README.md'), 'utf8');
    const tokens = keyTokensIn(readFileSync(join(ROOT, 'shared/store/keys.ts'), 'utf8'));
    expect(tokens.size).toBeGreaterThan(15);
    const escapeRegExp = (token: string) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const undocumented = [...tokens].filter(
      (token) => !new RegExp(`(?<![A-Z_])${escapeRegExp(token)}(?![A-Z_])`).test(readme),
    );
    expect(undocumented).toEqual([]);
  });
});

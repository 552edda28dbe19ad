/**
 * The size of the local engine (infra/local/engine/): its files and lines of TypeScript, so that
 * each run shows whether it still runs only what the compiler emits (issue 15 halved it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENGINE = fileURLToPath(new URL('../infra/local/engine/', import.meta.url));

export interface EngineSize {
  readonly files: number;
  readonly lines: number;
}

/** Files and lines of the engine's TypeScript sources (its README not counted). */
export function measureEngine(): EngineSize {
  const files = readdirSync(ENGINE).filter((file) => file.endsWith('.ts'));
  const lines = files.reduce(
    (total, file) => total + readFileSync(`${ENGINE}${file}`, 'utf8').split('\n').length - 1,
    0,
  );
  return { files: files.length, lines };
}

// Fetches AWS's DynamoDB Local jar into a cache, without installing the npm package that ships it.
//
// `amplify-dynamodb-simulator` carries DynamoDB Local 1.25.1 in its `emulator/` folder but, as a
// dependency, pulls ~280 packages (~350 MB). We only want that folder, so we `npm pack` the one
// tarball (56 MB, integrity pinned below), extract `package/emulator/` and publish it into the
// cache with one atomic rename.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The npm package (and exact version) whose tarball carries the DynamoDB Local jar. */
export const DYNAMODB_LOCAL_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';

/** Subresource integrity of that tarball, as the npm registry reports it; checked after download. */
const PACKAGE_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

/** `<repo>/.cache/dynamodb-local` (git-ignored). */
export const DEFAULT_DYNAMODB_LOCAL_CACHE = fileURLToPath(
  new URL('../../.cache/dynamodb-local', import.meta.url),
);

/** Where an installed DynamoDB Local lives. */
export interface DynamoDbLocalInstallation {
  /** The emulator folder: the jar, its `DynamoDBLocal_lib/` and licences. */
  readonly emulatorDir: string;
  /** `<emulatorDir>/DynamoDBLocal.jar` */
  readonly jarPath: string;
  /** `<emulatorDir>/DynamoDBLocal_lib`, the `java.library.path` (native sqlite4java). */
  readonly libraryPath: string;
}

function installationAt(emulatorDir: string): DynamoDbLocalInstallation {
  return {
    emulatorDir,
    jarPath: join(emulatorDir, 'DynamoDBLocal.jar'),
    libraryPath: join(emulatorDir, 'DynamoDBLocal_lib'),
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function sha512Integrity(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha512-${hash.digest('base64')}`;
}

/** Downloads the tarball into `workDir` and returns its path, after checking its integrity. */
async function packTarball(workDir: string): Promise<string> {
  await run('npm', ['pack', DYNAMODB_LOCAL_PACKAGE, '--pack-destination', workDir, '--silent'], {
    cwd: workDir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const tarball = (await readdir(workDir)).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined)
    throw new Error(`npm pack ${DYNAMODB_LOCAL_PACKAGE} produced no tarball in ${workDir}`);
  const path = join(workDir, tarball);
  const integrity = await sha512Integrity(path);
  if (integrity !== PACKAGE_INTEGRITY) {
    throw new Error(
      `${DYNAMODB_LOCAL_PACKAGE}: integrity ${integrity} differs from the pinned ${PACKAGE_INTEGRITY}`,
    );
  }
  return path;
}

/**
 * Moves the extracted folder into place. The rename is atomic, so a reader sees either no folder
 * or a complete one. When another process got there first, the rename fails (the target is not
 * empty) and its copy is used.
 */
async function publish(extracted: string, target: string): Promise<void> {
  try {
    await rename(extracted, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}

/**
 * Makes sure DynamoDB Local is in `cacheDir`, downloading it once (see the file comment).
 * Safe when several processes call it at once: each works in its own temporary folder inside
 * `cacheDir` (same file system, so the final rename is atomic) and the first rename wins.
 *
 * @param cacheDir - where to keep it @default `<repo>/.cache/dynamodb-local`
 * @throws when npm, tar or the integrity check fails, or the jar is missing afterwards
 */
export async function ensureDynamoDbLocal(
  cacheDir: string = DEFAULT_DYNAMODB_LOCAL_CACHE,
): Promise<DynamoDbLocalInstallation> {
  const installation = installationAt(join(cacheDir, DYNAMODB_LOCAL_PACKAGE.replace('@', '-')));
  if (await exists(installation.jarPath)) return installation;
  await mkdir(cacheDir, { recursive: true });
  const workDir = await mkdtemp(join(cacheDir, '.download-'));
  try {
    const tarball = await packTarball(workDir);
    await run('tar', ['-xzf', tarball, '-C', workDir, 'package/emulator']);
    await publish(join(workDir, 'package', 'emulator'), installation.emulatorDir);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  if (!(await exists(installation.jarPath))) {
    throw new Error(
      `DynamoDB Local jar missing at ${installation.jarPath} after installing; delete ${installation.emulatorDir} and retry`,
    );
  }
  return installation;
}

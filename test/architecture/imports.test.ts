/**
 * The layout's import rules (DESIGN 4, STYLE rules 2 and 4; each folder's README says what it may
 * import): the domain imports no AWS and no adapter, entry points do not reach into the
 * infrastructure, `shared/` knows nothing of who calls it. Every import of every source file is
 * read (static, re-export and dynamic), relative ones resolved to the folder they point into.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_FOLDERS = ['shared', 'statemachines', 'functions', 'infra', 'web'];

/** One import: the file that makes it and what it names (a package, or a repository path). */
interface Import {
  readonly file: string;
  readonly target: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !/(^|\/)(node_modules|dist)\//.test(file));
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** `#shared/x.ts` → `shared/x.ts`; `../store/x.ts` → its repository path; a package stays a package. */
function resolveTarget(file: string, specifier: string): string {
  if (specifier.startsWith('#')) return specifier.slice(1);
  if (specifier.startsWith('.')) return relative(ROOT, join(ROOT, dirname(file), specifier));
  return specifier;
}

const imports: Import[] = SOURCE_FOLDERS.flatMap(sourceFiles).flatMap((file) =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(IMPORT)].map((match) => ({
    file,
    target: resolveTarget(file, String(match[1] ?? match[2])),
  })),
);

const AWS_PACKAGES = /^(@aws-sdk\/|@aws-lambda-powertools\/|aws-lambda$|aws-cdk-lib|constructs$|cdk-nag$)/;
const ADAPTERS = /^(shared\/store\/|shared\/workflow\/|infra\/)/;

/** A rule: imports from files under `from` that `refused` matches are refused. */
interface Rule {
  readonly name: string;
  readonly from: RegExp;
  readonly refused: RegExp;
  /** Imports that break the rule today, each `file -> target`, with why they may stay for now. */
  readonly allowed?: readonly string[];
}

const RULES: readonly Rule[] = [
  {
    name: 'the domain (shared/covenant/, statemachines/) imports no AWS package and no adapter',
    from: /^(shared\/covenant\/|statemachines\/)/,
    refused: new RegExp(`${AWS_PACKAGES.source}|${ADAPTERS.source}|^functions\\/`),
  },
  {
    name: 'the core (shared/dispatch/, shared/usecases/, shared/views/, shared/documents/) imports no AWS SDK and no adapter',
    from: /^shared\/(dispatch|usecases|views|documents)\//,
    // The core speaks in effects (shared/ports/effects.ts); only the store adapter knows their items.
    refused: new RegExp(`^@aws-sdk\\/|${ADAPTERS.source}`),
  },
  {
    name: 'the entry points (functions/) do not import the infrastructure (infra/)',
    from: /^functions\//,
    refused: /^infra\//,
  },
  {
    name: 'the web app (web/) speaks only the public API: it imports none of the server folders',
    from: /^web\//,
    refused: /^(shared|functions|infra|statemachines|bench|scripts)\//,
  },
  {
    name: 'shared/ imports no entry point, infrastructure, benchmark, script or test',
    from: /^shared\//,
    refused: /^(functions|infra|bench|scripts|test)\//,
  },
];

const line = (i: Import): string => `${i.file} -> ${i.target}`;

describe('import rules of the layout', () => {
  it('reads the imports of every source folder', () => {
    // A rule over no imports would pass for nothing.
    for (const folder of SOURCE_FOLDERS) {
      expect(
        imports.some((i) => i.file.startsWith(`${folder}/`)),
        folder,
      ).toBe(true);
    }
    expect(imports.some((i) => i.target === 'shared/covenant/index.ts')).toBe(true);
  });

  it.each(RULES.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
    const breaking = imports.filter((i) => rule.from.test(i.file) && rule.refused.test(i.target)).map(line);
    const allowed = new Set(rule.allowed ?? []);
    expect(breaking.filter((entry) => !allowed.has(entry))).toEqual([]);
    expect([...allowed].filter((entry) => !breaking.includes(entry))).toEqual([]);
  });

  it('would catch an adapter imported into the domain', () => {
    const rule = RULES[0] as Rule;
    const planted: Import = { file: 'shared/covenant/tally.ts', target: 'shared/store/dynamodb-store.ts' };
    expect(rule.from.test(planted.file) && rule.refused.test(planted.target)).toBe(true);
    expect(rule.refused.test('@aws-sdk/client-dynamodb')).toBe(true);
    expect(rule.refused.test('shared/covenant/tally.ts')).toBe(false);
  });
});

/**
 * What each folder may import of the project besides itself — the table its README's first line
 * states in words. The most specific folder of a file applies (`shared/dispatch/`, not `shared/`).
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  'shared/config': [],
  'shared/covenant': [],
  'shared/ports': ['shared/covenant', 'statemachines'],
  'shared/schemas': ['shared/covenant', 'statemachines'],
  'shared/dispatch': ['shared/covenant', 'shared/ports', 'statemachines'],
  'shared/messages': ['shared/covenant'],
  'shared/views': [
    'shared/covenant',
    'shared/dispatch',
    'shared/documents',
    'shared/messages',
    'shared/ports',
    'shared/schemas',
    'statemachines',
  ],
  'shared/usecases': [
    'shared/covenant',
    'shared/dispatch',
    'shared/mail',
    'shared/ports',
    'shared/schemas',
    'shared/views',
    'statemachines',
  ],
  'shared/http': [
    'shared/covenant',
    'shared/dispatch',
    'shared/documents',
    'shared/messages',
    'shared/ports',
    'shared/schemas',
    'shared/usecases',
    'statemachines',
  ],
  'shared/mail': ['shared/covenant', 'shared/ports', 'statemachines'],
  'shared/store': ['shared/covenant', 'shared/ports'],
  'shared/workflow': ['shared/ports', 'statemachines'],
  'shared/access': ['shared/ports'],
  statemachines: ['shared/covenant'],
  functions: ['shared', 'statemachines'],
};

const PROJECT = /^(shared|statemachines|functions|infra|bench|scripts|test|web)\//;

/** The folder of MAY_IMPORT a file belongs to: the longest that contains it. */
const folderOf = (file: string): string | undefined =>
  Object.keys(MAY_IMPORT)
    .filter((folder) => file.startsWith(`${folder}/`))
    .sort((a, b) => b.length - a.length)[0];

/** The imports of the project that `folder`'s table does not allow. */
function refusedBy(folder: string, candidates: readonly Import[]): string[] {
  const allowed = [folder, ...(MAY_IMPORT[folder] ?? [])];
  return candidates
    .filter((i) => folderOf(i.file) === folder && PROJECT.test(i.target))
    .filter((i) => !allowed.some((a) => i.target.startsWith(`${a}/`)))
    .map(line);
}

/** The first line of a folder's README that is not a heading. */
const readmeLine = (folder: string): string =>
  readFileSync(join(ROOT, folder, 'README.md'), 'utf8')
    .split('\n')
    .find((text) => text.trim() !== '' && !text.startsWith('#')) ?? '';

describe('what each folder may import, as its README says', () => {
  it.each(Object.keys(MAY_IMPORT))('%s imports only what its README names', (folder) => {
    expect(imports.some((i) => folderOf(i.file) === folder) || folder === 'shared/config').toBe(true);
    expect(refusedBy(folder, imports)).toEqual([]);
  });

  it.each(Object.keys(MAY_IMPORT))("%s's README names every folder it may import", (folder) => {
    const text = readmeLine(folder);
    const named = (target: string) =>
      text.includes(`\`${target}/\``) ||
      (folder.startsWith('shared/') &&
        target.startsWith('shared/') &&
        text.includes(`\`${target.slice(7)}/\``));
    const allowed = MAY_IMPORT[folder] ?? [];
    expect(allowed.filter((target) => !named(target))).toEqual([]);
    if (allowed.length === 0) expect(text).toMatch(/imports nothing/);
  });

  it('would catch an import its README does not allow', () => {
    const planted: Import = { file: 'shared/dispatch/decide.ts', target: 'shared/views/proposal-view.ts' };
    expect(refusedBy('shared/dispatch', [planted])).toEqual([line(planted)]);
  });
});

describe('folder READMEs', () => {
  const folders = [
    ...['functions', 'infra', 'shared', 'statemachines', 'scripts', 'bench', 'test', 'web'],
    ...readdirSync(join(ROOT, 'shared'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `shared/${entry.name}`),
  ];

  it.each(folders)('%s says at its top what it owns and what it may import', (folder) => {
    const readme = join(ROOT, folder, 'README.md');
    expect(existsSync(readme), `${folder}/README.md`).toBe(true);
    const first = readFileSync(readme, 'utf8')
      .split('\n')
      .find((text) => text.trim() !== '' && !text.startsWith('#'));
    expect(first).toMatch(new RegExp(`^\\*\\*${folder}/\\*\\* owns .+ import`));
  });
});

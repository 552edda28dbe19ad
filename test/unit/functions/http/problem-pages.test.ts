import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, type ProblemSlug } from '#shared/messages/index.ts';
import { testApp } from './support/app.ts';
import { expectCall } from './support/scenarios.ts';

const slugs = Object.keys(PROBLEM_TYPES) as ProblemSlug[];
const ROOT = new URL('../../../../', import.meta.url).pathname;

/** Every TypeScript file of the code that answers requests. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The problem types the code writes: specs (`type: '…'` beside a `status`), rules and refusals by id. */
function writtenProblemTypes(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /type: '([a-z-]+)',\s*\n?\s*title:/g,
    /covenantRule\(\s*'([a-z-]+)'/g,
    /CovenantRuleError\(\s*'([a-z-]+)'/g,
    /PROBLEM_BASE\}([a-z-]+)/g,
    /\bspec\(m, '([a-z-]+)'/g,
    /fromCore\(m, '([a-z-]+)'/g,
  ];
  for (const file of ['shared', 'functions', 'infra', 'statemachines'].flatMap(sources)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1] as string);
  }
  return found;
}

describe('GET /problems/{slug}: the problem types resolve', () => {
  const app = testApp();

  it('documents every problem type the code can answer with', () => {
    const written = [...writtenProblemTypes()];
    expect(written.length).toBeGreaterThan(30);
    expect(written.filter((slug) => !(slug in PROBLEM_TYPES))).toEqual([]);
  });

  it.each(slugs)('answers 200 with the page of %s, in Dutch and, when asked, in English', async (slug) => {
    const dutch = await expectCall(app, 'GET /problems/{slug}', 200, { as: null, params: { slug } });
    expect(dutch.headers['content-type']).toMatch(/^text\/html/);
    expect(dutch.headers['content-language']).toBe('nl');
    expect(dutch.text).toContain('<html lang="nl">');
    expect(dutch.text).toContain(`/v1/problems/${slug}`);
    expect(dutch.text).toContain(`HTTP-status: ${PROBLEM_TYPES[slug]}`);
    const english = await expectCall(app, 'GET /problems/{slug}', 200, {
      as: null,
      params: { slug },
      headers: { 'accept-language': 'en' },
    });
    expect(english.headers['content-language']).toBe('en');
    expect(english.text).toContain(`HTTP status: ${PROBLEM_TYPES[slug]}`);
  });

  it('lists every problem type on the index, linked to its page', async () => {
    const index = await expectCall(app, 'GET /problems', 200, { as: null });
    expect(index.text).toContain('<h1>Probleemtypen van de API</h1>');
    for (const slug of slugs) expect(index.text).toContain(`<a href="problems/${slug}">`);
  });

  it('answers 404 for a slug that names no problem type, with a type that resolves itself', async () => {
    const missing = await expectCall(app, 'GET /problems/{slug}', 404, {
      as: null,
      params: { slug: 'no-such' },
    });
    expect(missing.body).toMatchObject({
      type: '/v1/problems/not-found',
      title: 'Niet gevonden',
      status: 404,
    });
    expect(missing.body.detail).toBe('Deze API kent geen probleemtype no-such; zie GET /problems.');
  });

  it('types a refusal with a relative URI whose page answers, in the language asked for', async () => {
    const refused = await expectCall(app, 'GET /proposals/{id}', 404, {
      as: 'CAK',
      params: { id: 'p-missing' },
      headers: { 'accept-language': 'en;q=0.9, nl;q=0.1' },
    });
    expect(refused.headers['content-language']).toBe('en');
    expect(refused.body).toMatchObject({
      type: '/v1/problems/proposal-not-found',
      title: 'No such proposal',
    });
    const slug = String(refused.body.type).split('/').at(-1) as string;
    const page = await expectCall(app, 'GET /problems/{slug}', 200, { as: null, params: { slug } });
    expect(page.text).toContain('Dit voorstel bestaat niet');
  });
});

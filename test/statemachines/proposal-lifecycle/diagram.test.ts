import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lifecycleDiagram, withDiagram } from '#statemachines/proposal-lifecycle/diagram.ts';

const readmePath = new URL('../../../statemachines/proposal-lifecycle/README.md', import.meta.url);

describe('lifecycle diagram', () => {
  it('is up to date in the README (run `npm run diagram` when the model changes)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(readme).toBe(withDiagram(readme));
  });

  it('shows every deadline on its edge, with its article', () => {
    const diagram = lifecycleDiagram();
    expect(diagram).toContain('objection_inGroup_awaitingArguments --> objectionLapsed: after 6 weeks');
    expect(diagram).toContain('(art. 7.4)');
    expect(diagram).toContain('after 1 month — the ministry meets');
  });

  it('shows the e-mail each state sends', () => {
    expect(lifecycleDiagram()).toContain('objection_atMinistry_dglz : ✉ escalated-to-dglz');
  });
});

/**
 * Issue 16: the register's schema moved from zod's full build to its mini build, so that the
 * workflow's tasks do not carry the full build for this one schema. Every refusal must stay what it
 * was: the full build's schema, as it was before, is the oracle here, over the default register with
 * one field replaced by an arbitrary value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import english from 'zod/v4/locales/en.js';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import { registerShape } from '#shared/covenant/registerSchema.ts';

const noDuplicates = (values: readonly string[]) => new Set(values).size === values.length;

/** The schema as the full build wrote it before issue 16. */
const fullBuildParty = z.strictObject({
  id: z.string().regex(/^[A-Z]+$/, 'must be capital letters A–Z only'),
  name: z.string().min(1),
  kind: z.enum(['provider-association', 'chain-party', 'coordinating']),
  votes: z.number().int().nonnegative(),
  standards: z.array(z.enum(['iWmo', 'iJw', 'iEb'])).refine(noDuplicates, 'must not repeat a standard'),
  roles: z
    .array(z.enum(['chair', 'secretary', 'ministry', 'dglz']))
    .refine(noDuplicates, 'must not repeat a role'),
  memberFrom: z.iso.date(),
  memberUntil: z.iso.date().optional(),
  withdrawalNoticeOn: z.iso.date().optional(),
  representatives: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        email: z.email(),
        roles: z.array(z.enum(['chair', 'secretary', 'ministry', 'dglz'])).optional(),
      }),
    )
    .min(1),
});
const fullBuildRegister = z.strictObject({
  covenantSignedOn: z.iso.date(),
  policy: z.strictObject({
    abstentionsCountAsCast: z.boolean(),
    extendDeadlinesOverNonWorkingDays: z.boolean(),
  }),
  parties: z.array(fullBuildParty).min(1),
});

/** What a schema says of `data`: accepted, or each issue's code, path, message and value. */
function verdictOf(schema: z.core.$ZodType, data: unknown) {
  const parsed = z.safeParse(schema, data, { reportInput: true, error: english().localeError });
  return parsed.success
    ? 'accepted'
    : parsed.error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message, input: i.input }));
}

const FIELDS = [
  'covenantSignedOn',
  'policy',
  'policy.abstentionsCountAsCast',
  'parties',
  'parties.0',
  'parties.0.id',
  'parties.0.name',
  'parties.0.kind',
  'parties.0.votes',
  'parties.0.standards',
  'parties.0.standards.0',
  'parties.1.roles',
  'parties.1.memberFrom',
  'parties.1.memberUntil',
  'parties.1.withdrawalNoticeOn',
  'parties.2.representatives',
  'parties.2.representatives.0',
  'parties.2.representatives.0.name',
  'parties.2.representatives.0.email',
  'parties.2.representatives.0.roles',
  'parties.2.typo',
  'typo',
] as const;

function withField(path: string, value: unknown): unknown {
  const data = JSON.parse(JSON.stringify(loadDefaultRegister())) as Record<string, unknown>;
  const keys = path.split('.');
  let at = data as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1) as string] = value;
  return data;
}

const anyValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', 'ACTIZ', 'actiz', 'iWmo', 'chair', '2026-02-30', '2026-01-15', 'x@y.nl', 'no-mail'),
  fc.integer({ min: -3, max: 20 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom('iWmo', 'iJw', 'chair', 'chair', 7), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('name', 'email', 'extra'), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);

describe('registerShape (zod mini)', () => {
  it('refuses and accepts exactly what the full build did, with the same issues and messages', () => {
    // parseRegister passes zod's English messages, as here (the mini build loads no locale itself).
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), anyValue, (field, value) => {
        const data = withField(field, value);
        expect(verdictOf(registerShape, data)).toEqual(verdictOf(fullBuildRegister, data));
      }),
      { numRuns: 400 },
    );
  });
});

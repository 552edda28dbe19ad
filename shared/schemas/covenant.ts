/** The covenant as versioned data (DESIGN 2.5): versions, changes, signatures, notices, publication. */
import * as z from 'zod';
import { CalendarDate, Instant, PartyId, Standard } from './common.ts';
import { PartyView } from './register.ts';

const URL_SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const ChangeId = z.string().regex(URL_SAFE_ID, 'must be 1–64 characters A–Z, a–z, 0–9, _ or -').meta({
  id: 'CovenantChangeId',
  description: 'The id of a covenant change (generated).',
  example: 'c-8Jx2Qm0aVb7cT4rN',
});

export const ChangeParams = z.strictObject({ id: ChangeId });

const PartyKind = z.enum(['provider-association', 'chain-party', 'coordinating']);
const Role = z.enum(['chair', 'secretary', 'ministry', 'dglz']);

/** A party a change adds: a member from the change's date. Its representatives receive the e-mails. */
export const NewParty = z
  .strictObject({
    id: PartyId,
    name: z.string().min(1).max(200),
    kind: PartyKind,
    votes: z.number().int().nonnegative(),
    standards: z.array(Standard),
    roles: z.array(Role).optional(),
    representatives: z.array(z.strictObject({ name: z.string().min(1).max(200), email: z.email() })).min(1),
  })
  .meta({ id: 'NewParty' });

const PolicyChanges = z.strictObject({
  abstentionsCountAsCast: z.boolean().optional(),
  extendDeadlinesOverNonWorkingDays: z.boolean().optional(),
});

export const ProposeChangeBody = z
  .strictObject({
    kind: z.enum(['version', 'addendum', 'accession']),
    summary: z.string().min(1).max(500),
    text: z.string().min(1).max(100_000),
    registerChanges: z
      .strictObject({
        add: z.array(NewParty).optional(),
        update: z
          .array(
            z.strictObject({
              id: PartyId,
              name: z.string().min(1).max(200).optional(),
              kind: PartyKind.optional(),
              votes: z.number().int().nonnegative().optional(),
              standards: z.array(Standard).optional(),
              roles: z.array(Role).optional(),
            }),
          )
          .optional(),
        remove: z.array(PartyId).optional(),
      })
      .optional(),
    policyChanges: PolicyChanges.optional(),
    effectiveDate: CalendarDate,
  })
  .meta({ id: 'ProposeCovenantChange' });
export type ProposeChangeBody = z.infer<typeof ProposeChangeBody>;

export const ChangeView = z
  .object({
    id: ChangeId,
    kind: z.enum(['version', 'addendum', 'accession']),
    summary: z.string(),
    text: z.string(),
    effectiveDate: CalendarDate,
    proposedBy: PartyId,
    proposedAt: Instant,
    proposedUnder: z
      .number()
      .int()
      .meta({ description: 'The covenant version in force when it was proposed.' }),
    addsParties: z.array(PartyId),
    updatesParties: z.array(PartyId),
    removesParties: z.array(PartyId),
    policyChanges: PolicyChanges.optional(),
    signatories: z
      .array(PartyId)
      .meta({ description: 'Every party of the register on the day it was proposed.' }),
    consents: z
      .array(PartyId)
      .optional()
      .meta({ description: 'Acceding parties: their consent is their accession request (art. 9.4).' }),
    signatures: z.array(z.object({ party: PartyId, at: Instant })),
    missing: z.array(PartyId),
    status: z.enum(['awaiting-signatures', 'signed', 'in-force']),
    inForceAs: z.number().int().optional().meta({ description: 'The covenant version it became.' }),
  })
  .meta({ id: 'CovenantChange' });

const VersionSummary = z.object({
  version: z.number().int(),
  effectiveOn: CalendarDate,
  text: z.object({ title: z.string(), reference: z.string() }),
  cause: z.object({
    kind: z.enum(['seed', 'change', 'withdrawal']),
    changeId: z.string().optional(),
    party: PartyId.optional(),
  }),
});

export const CovenantView = z
  .object({
    inForce: VersionSummary.extend({
      parties: z.array(PartyView),
      votingParties: z.number().int(),
      totalVotes: z.number().int(),
      policy: z.object({
        abstentionsCountAsCast: z.boolean(),
        extendDeadlinesOverNonWorkingDays: z.boolean(),
      }),
    }),
    term: z
      .object({
        startedOn: CalendarDate,
        endsOn: CalendarDate,
        renewsOn: CalendarDate,
        reminderOn: CalendarDate,
      })
      .meta({ description: 'The current term and the next silent renewal (art. 9.1).' }),
    history: z.array(VersionSummary),
    changes: z
      .array(
        z.object({
          id: ChangeId,
          kind: z.string(),
          summary: z.string(),
          effectiveDate: CalendarDate,
          status: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Covenant' });

export const NoticeBody = z
  .strictObject({ subject: z.string().min(1).max(200), body: z.string().min(1).max(20_000) })
  .meta({ id: 'PostNotice' });

export const NoticeView = z
  .object({
    id: z.string(),
    by: PartyId,
    subject: z.string(),
    body: z.string(),
    at: Instant,
    covenantVersion: z.number().int(),
  })
  .meta({ id: 'Notice' });

export const NoticeList = z.object({ notices: z.array(NoticeView) }).meta({ id: 'NoticeList' });

export const RevocationResult = z
  .object({ party: PartyId, noticeOn: CalendarDate, revoked: z.literal(true) })
  .meta({ id: 'WithdrawalRevoked' });
